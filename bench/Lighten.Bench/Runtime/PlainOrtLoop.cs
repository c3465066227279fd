using System.Diagnostics;
using Lighten.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Bench.Runtime;

/// <summary>
/// The baseline: the loop anyone would write with ONNX Runtime alone. A session built from the same options,
/// the same input values, <c>Run</c> returning fresh outputs that are disposed after each call.
/// </summary>
public static class PlainOrtLoop
{
    public static double[] Measure(string path, SessionOptionsSpec spec, IReadOnlyList<string> inputNames,
        IReadOnlyList<OrtValue> inputs, int warmup, int runs)
    {
        using var options = spec.ToSessionOptions();
        using var session = new InferenceSession(path, options);
        using var runOptions = new RunOptions();
        var outputNames = session.OutputNames;
        for (int i = 0; i < warmup; i++)
        {
            using var outputs = session.Run(runOptions, inputNames, inputs, outputNames);
        }
        var samples = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            using (session.Run(runOptions, inputNames, inputs, outputNames))
            {
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }
        return samples;
    }
}
