using Lighten.Core;
using Lighten.Core.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Runtime.Tests.Calibration;

/// <summary>What ONNX Runtime actually runs: the model after its graph optimizations (QDQ fusion included), read back.</summary>
internal static class OrtOptimized
{
    public static Graph Of(Graph graph)
    {
        var path = Path.Combine(TestFiles.TempDir(), "optimized.onnx");
        using var options = new SessionOptions
        {
            OptimizedModelFilePath = path,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        using (new InferenceSession(OnnxExporter.ToBytes(graph), options)) { }
        return OnnxImporter.Load(path);
    }
}
