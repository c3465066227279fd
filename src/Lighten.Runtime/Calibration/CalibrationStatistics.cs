using System.Collections.Immutable;
using Lighten.Core;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Runtime.Calibration;

/// <summary>The statistics of every calibrated tensor, and how they were gathered.</summary>
/// <param name="Tensors">Statistics by tensor name.</param>
/// <param name="Samples">Samples run through the model.</param>
/// <param name="Elapsed">Wall time of the calibration run.</param>
/// <param name="Source">What the samples were.</param>
public sealed record CalibrationStatistics(ImmutableDictionary<string, TensorStatistics> Tensors, int Samples, TimeSpan Elapsed, string Source)
{
    /// <summary>The range of every tensor under <paramref name="calibrator"/>, for activations of <paramref name="type"/>.</summary>
    public ImmutableDictionary<string, ActivationRange> Ranges(Calibrator calibrator, ElementType type) =>
        Tensors.ToImmutableDictionary(kv => kv.Key, kv => calibrator.Range(kv.Value, type), StringComparer.Ordinal);
}
