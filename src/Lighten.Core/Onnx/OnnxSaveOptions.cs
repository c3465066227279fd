namespace Lighten.Core.Onnx;

/// <summary>How <see cref="OnnxExporter.Save(Graph, string, OnnxSaveOptions?)"/> writes a model.</summary>
public sealed record OnnxSaveOptions
{
    /// <summary>
    /// When set, every initializer of at least this many bytes is stored in an external data file named
    /// <c>{model file name}.data</c> next to the model (for example <c>model.onnx.data</c>), as ONNX's
    /// <c>data_location = EXTERNAL</c>; this lifts protobuf's 2 GB limit. Null keeps all data inside the model.
    /// </summary>
    public long? ExternalDataThreshold { get; init; }

    /// <summary>The name of the external data file written for the model at <paramref name="modelPath"/>.</summary>
    public static string ExternalDataFileName(string modelPath) => Path.GetFileName(modelPath) + ".data";
}
