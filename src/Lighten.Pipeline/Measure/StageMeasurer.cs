using Lighten.Core;
using Lighten.Core.Analysis;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Data.Imaging;
using Lighten.Pipeline.Tuning;
using Lighten.Runtime;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Measure;

/// <summary>
/// Measures a written ONNX artifact the way the report shows it: accuracy with <see cref="ModelTuning.Evaluate"/>,
/// initialization (median of three fresh sessions) and per-image latency (<see cref="LatencyBenchmark"/>) in ONNX Runtime,
/// the file's size, MACs, parameters and peak memory (<see cref="Profiler"/>), and the target estimate (<see cref="LatencyEstimator"/>).
/// </summary>
public sealed class StageMeasurer(TrainingData data, Preprocess preprocess, TargetProfile target, SessionOptionsSpec session, int runs) : IStageMeasurer
{
    /// <summary>Initialization samples per artifact.</summary>
    public const int InitSamples = 3;

    /// <inheritdoc/>
    public StageFigures Measure(string path, Metric? accuracy, CancellationToken cancellationToken)
    {
        var graph = OnnxImporter.Load(path);
        var metric = accuracy ?? ModelTuning.Evaluate(path, data, preprocess, session,
            new EvaluationOptions { BatchSize = 8, Workers = 2 }, cancellationToken).Primary;
        cancellationToken.ThrowIfCancellationRequested();

        var bench = LatencyBenchmark.Run(path, session, warmup: Math.Max(3, runs / 10), runs);
        var inits = new List<double> { bench.InitMs };
        for (int i = 1; i < InitSamples; i++)
        {
            using var s = ModelSession.Open(path, session);
            inits.Add(s.InitMs);
        }
        inits.Sort();

        var shapes = new Dictionary<string, long[]> { [graph.Inputs[0].Name] = [1, 3, preprocess.Height, preprocess.Width] };
        var profile = Profiler.Run(graph, new ProfileOptions { InputShapes = shapes, ModelName = Path.GetFileName(path) });
        var precision = Precisions.Of(graph);
        double? targetMs = target.Runs(precision) ? LatencyEstimator.Estimate(graph, target, precision, shapes)?.TotalMs : null;
        return new StageFigures(metric.Value * 100, metric.Name, inits[inits.Count / 2], bench.LatencyMs.Median, bench.LatencyMs.P90, bench.LatencyMs.Min,
            new FileInfo(path).Length, profile.Totals.Macs, Parameters(graph), profile.Totals.PeakActivationBytes, targetMs, precision.Key())
        {
            TargetSource = FigureSource.TargetEstimate(target),
        };
    }

    /// <summary>Times the two files with <see cref="LatencyDuel.Run"/>: six interleaved rounds of a tenth of the benchmark's runs (at least three).</summary>
    public LatencyDuel? SideBySide(string currentPath, string candidatePath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return LatencyDuel.Run(currentPath, candidatePath, session, rounds: 6, runsPerRound: Math.Max(3, runs / 10), minRoundMs: LatencyDuel.SteadyRoundMs);
    }

    /// <summary>Weight elements stored in the model at whatever precision (INT8 weights included), quantization scales and zero points left out.</summary>
    public static long Parameters(Graph graph)
    {
        var quantParams = graph.Nodes.Where(n => n.OpType is "QuantizeLinear" or "DequantizeLinear").SelectMany(n => n.Inputs.Skip(1)).ToHashSet(StringComparer.Ordinal);
        return graph.Initializers.Where(kv => !quantParams.Contains(kv.Key)).Sum(kv => kv.Value.ElementCount);
    }
}
