using System.Collections.Immutable;
using Lighten.Core;
using Lighten.Core.Transforms.Quantize;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Runtime.Calibration;

/// <summary>
/// How much each compute layer suffers from quantization alone: the signal-to-quantization-noise ratio
/// SQNR = 10·log10(Σ y² / Σ (y − ŷ)²) of the layer's output y against ŷ, its output when only that layer runs in INT8
/// (its <see cref="QuantizedTwins"/>), summed over calibration samples. Low SQNR marks the layers to keep FP32 first.
/// </summary>
public static class SensitivityAnalysis
{
    /// <summary>The highest SQNR reported (a layer whose quantized output matches exactly).</summary>
    public const double MaxDb = 200;

    /// <summary>SQNR in dB of every compute layer of <paramref name="plan"/>, over the first <paramref name="samples"/> samples of <paramref name="source"/>.</summary>
    public static ImmutableDictionary<string, double> Measure(Graph graph, QuantizationPlan plan, IReadOnlyDictionary<string, ActivationRange> ranges,
        CalibrationSource source, int samples, SessionOptionsSpec? session = null, CancellationToken cancellationToken = default)
    {
        var twins = QuantizedTwins.Build(graph, plan, ranges);
        if (twins.Pairs.IsEmpty) return ImmutableDictionary<string, double>.Empty;
        using var model = TemporaryModel.Write(twins.Graph, "sensitivity");
        using var ort = ModelSession.Open(model.Path, (session ?? new SessionOptionsSpec()) with { AllowSpinning = false });
        var index = ort.Session.OutputNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var signal = new double[twins.Pairs.Length];
        var noise = new double[twins.Pairs.Length];
        int count = Math.Clamp(samples, 1, source.Count);
        BatchStream.Run(count, source.SampleLength, new BatchStreamOptions(), (i, span) =>
        {
            source.Write(i, span);
            return i;
        }, batch =>
        {
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
                batch.Data.AsMemory(0, batch.SampleLength), [1, 3, source.Height, source.Width]);
            using var outputs = ort.Run([input]);
            Parallel.For(0, twins.Pairs.Length, p =>
            {
                var y = outputs[index[twins.Pairs[p].Reference]].GetTensorDataAsSpan<float>();
                var q = outputs[index[twins.Pairs[p].Twin]].GetTensorDataAsSpan<float>();
                double s = 0, n = 0;
                for (int k = 0; k < y.Length; k++)
                {
                    double d = y[k] - (double)q[k];
                    s += (double)y[k] * y[k];
                    n += d * d;
                }
                signal[p] += s;
                noise[p] += n;
            });
        }, cancellationToken: cancellationToken);
        return twins.Pairs.Select((pair, p) => (pair.Layer, Db: noise[p] > 0 ? Math.Min(MaxDb, 10 * Math.Log10(signal[p] / noise[p])) : MaxDb))
            .ToImmutableDictionary(x => x.Layer, x => x.Db, StringComparer.Ordinal);
    }
}
