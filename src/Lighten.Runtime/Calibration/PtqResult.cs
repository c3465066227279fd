using System.Collections.Immutable;
using Lighten.Core;
using Lighten.Core.Transforms;

namespace Lighten.Runtime.Calibration;

/// <summary>What <see cref="PostTrainingQuantizer"/> produced and found.</summary>
/// <param name="Graph">The QDQ graph.</param>
/// <param name="Pass">The quantization pass's record.</param>
/// <param name="Layers">Every compute layer: precision, reason, timing, SQNR.</param>
/// <param name="Calibration">The statistics gathered.</param>
/// <param name="Method">The calibration method used.</param>
/// <param name="Target">The target's name.</param>
/// <param name="MeasuredLayers">Layers benchmarked on this host in this run.</param>
/// <param name="CachedLayers">Layers whose timing came from the cache file (timed before this quantization opened it).</param>
/// <param name="ReusedLayers">Layers given the timing of an identical layer (op, attributes, shapes) measured in this run.</param>
/// <param name="BiasCorrected">Layers whose bias was corrected.</param>
/// <param name="SubPixel">ConvTranspose layers now run as sub-pixel Convs, with the Convs (one per output phase; the group's timing is on the first).</param>
/// <param name="Accuracy">The accuracy check, when requested.</param>
/// <param name="Elapsed">Wall time of the whole quantization (calibration included).</param>
public sealed record PtqResult(Graph Graph, PassResult Pass, ImmutableArray<LayerReport> Layers, CalibrationStatistics Calibration,
    CalibrationMethod Method, string Target, int MeasuredLayers, int CachedLayers, int ReusedLayers, int BiasCorrected,
    ImmutableDictionary<string, ImmutableArray<string>> SubPixel, AccuracyOutcome? Accuracy, TimeSpan Elapsed)
{
    /// <summary>Where the per-layer timings come from ("measured on this host", "estimated from the rk3399-armcl profile"), or null when none were taken.</summary>
    public string? TimingSource { get; init; }

    /// <summary>Compute layers running in INT8.</summary>
    public int Int8Layers => Layers.Count(l => l.Int8);
}
