using System.Collections.Immutable;
using System.Diagnostics;
using Lighten.Core;
using Lighten.Core.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Runtime.Calibration;

/// <summary>
/// Runs calibration samples through the FP32 model in ONNX Runtime with every tensor to quantize added as an extra
/// graph output, folding each batch into that tensor's <see cref="TensorStatistics"/> at once: memory holds one batch
/// of activations and a fixed-size summary per tensor, never the activations of all samples.
/// </summary>
public static class ActivationCollector
{
    /// <summary>Collects statistics of <paramref name="tensors"/> of <paramref name="graph"/> (one image input N×3×H×W) over <paramref name="source"/>.</summary>
    /// <exception cref="SessionException">ONNX Runtime refuses the model or fails to run it.</exception>
    /// <exception cref="Lighten.Data.DataException">A sample's image cannot be read, or the input does not match the source.</exception>
    public static CalibrationStatistics Collect(Graph graph, IReadOnlyCollection<string> tensors, CalibrationSource source,
        CollectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CollectionOptions();
        var input = CheckInput(graph, source);
        var names = tensors.Distinct().ToArray();
        var statistics = names.Select(n => new TensorStatistics(n, options.HistogramBins, options.ChannelMeans.Contains(n))).ToArray();
        var outputs = names.Where(n => !graph.IsOutput(n)).Select(n => new ValueInfo(n, ElementType.Float, null));
        var augmented = graph with { Outputs = [.. graph.Outputs, .. outputs] };

        using var model = TemporaryModel.Write(augmented, "calibration");
        using var session = ModelSession.Open(model.Path, options.Session with { AllowSpinning = false });
        var index = session.Session.OutputNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        int? fixedBatch = input.Shape!.Dims[0].Value is long b ? (int)b : null;
        var stream = new BatchStreamOptions { BatchSize = fixedBatch ?? options.BatchSize, Workers = options.Workers };
        int done = 0;
        var clock = Stopwatch.StartNew();
        BatchStream.Run(source.Count, source.SampleLength, stream, (i, span) =>
        {
            source.Write(i, span);
            return i;
        }, batch =>
        {
            int runBatch = fixedBatch ?? batch.Count;
            using var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
                batch.Data.AsMemory(0, runBatch * batch.SampleLength), [runBatch, 3, source.Height, source.Width]);
            using var results = session.Run([value]);
            Parallel.For(0, names.Length, j =>
            {
                var result = results[index[names[j]]];
                var shape = result.GetTensorTypeAndShape().Shape;
                var data = result.GetTensorDataAsSpan<float>();
                // Padding samples of a fixed-batch model are left out.
                if (shape.Length > 0 && shape[0] == runBatch && batch.Count < runBatch)
                {
                    data = data[..(int)(data.Length / runBatch * batch.Count)];
                    shape[0] = batch.Count;
                }
                statistics[j].Add(data, shape);
            });
            done += batch.Count;
            options.Progress?.Invoke(done, source.Count);
        }, cancellationToken: cancellationToken);
        return new CalibrationStatistics(statistics.ToImmutableDictionary(s => s.Name, StringComparer.Ordinal), done, clock.Elapsed, source.Description);
    }

    private static ValueInfo CheckInput(Graph graph, CalibrationSource source)
    {
        if (graph.Inputs is not [var input] || input.ElementType != ElementType.Float || input.Shape is not { Rank: 4 } shape)
            throw new Lighten.Data.DataException($"calibration feeds one float32 N×3×H×W image input; the model has {string.Join(", ", graph.Inputs)}");
        long[] expected = [-1, 3, source.Height, source.Width];
        for (int d = 1; d < 4; d++)
        {
            if (shape.Dims[d].Value is long v && v != expected[d])
                throw new Lighten.Data.DataException($"model input '{input.Name}' has shape {shape} but calibration images are 3x{source.Height}x{source.Width}");
        }
        return input;
    }
}
