using System.Diagnostics;
using Lighten.Core;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Runtime;

/// <summary>
/// Per-image latency of a model in ONNX Runtime: warm-up runs, then timed batch-1 runs over inputs
/// allocated once and bound once (an <see cref="OrtIoBinding"/>), so that a run allocates nothing of its own.
/// </summary>
public static class LatencyBenchmark
{
    /// <summary>
    /// Opens <paramref name="path"/>, then measures <paramref name="runs"/> runs after <paramref name="warmup"/> untimed
    /// ones, at the input shapes <paramref name="inputShapes"/> fix (a symbolic batch is 1).
    /// </summary>
    public static BenchmarkResult Run(string path, SessionOptionsSpec? spec, int warmup, int runs, int seed = 0, IReadOnlyDictionary<string, long[]>? inputShapes = null)
    {
        CheckCounts(warmup, runs);
        using var session = ModelSession.Open(path, spec);
        return Measure(session, warmup, runs, seed, inputShapes);
    }

    /// <summary>Measures an open session (see <see cref="Run"/>).</summary>
    public static BenchmarkResult Measure(ModelSession session, int warmup, int runs, int seed = 0, IReadOnlyDictionary<string, long[]>? inputShapes = null)
    {
        CheckCounts(warmup, runs);
        using var inputs = InputTensors.Create(session.Inputs, session.Path, batch: 1, seed, inputShapes);
        using var binding = session.Session.CreateIoBinding();
        var outputs = new List<OrtValue>();
        try
        {
            for (int i = 0; i < inputs.Names.Count; i++) binding.BindInput(inputs.Names[i], inputs.Values[i]);
            foreach (var output in session.Outputs)
            {
                if (output.Shape is not null && output.ElementType.SizeOf() > 0 && inputs.Resolve(output) is long[] shape)
                {
                    var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance,
                        (Microsoft.ML.OnnxRuntime.Tensors.TensorElementType)(int)output.ElementType, shape);
                    outputs.Add(value);
                    binding.BindOutput(output.Name, value);
                }
                else
                {
                    binding.BindOutputToDevice(output.Name, OrtMemoryInfo.DefaultInstance);
                }
            }

            for (int i = 0; i < warmup; i++) session.Run(binding);
            var samples = new double[runs];
            for (int i = 0; i < runs; i++)
            {
                long start = Stopwatch.GetTimestamp();
                session.Run(binding);
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            return new BenchmarkResult(session.Path, session.InitMs, LatencyStats.From(samples), runs, warmup, session.Options.Threads, samples);
        }
        finally
        {
            foreach (var v in outputs) v.Dispose();
        }
    }

    private static void CheckCounts(int warmup, int runs)
    {
        if (warmup < 0) throw new OptionException($"warm-up runs must be 0 or more, got {warmup}");
        if (runs < 1) throw new OptionException($"timed runs must be at least 1, got {runs}");
    }
}
