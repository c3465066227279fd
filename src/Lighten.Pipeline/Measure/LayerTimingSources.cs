using System.Globalization;

namespace Lighten.Pipeline.Measure;

/// <summary>
/// Where the per-layer INT8 timings behind G3's FP32/INT8 choice came from: layers timed now on this machine, layers given
/// the timing of an identical layer timed now, layers read from the per-machine timing cache (measured before this stage),
/// or layers estimated from a target profile.
/// </summary>
/// <param name="Measured">Layers timed in ONNX Runtime during this stage.</param>
/// <param name="Cached">Layers whose timing came from <paramref name="CacheFile"/> as it was when the stage began.</param>
/// <param name="Estimated">Layers whose timing was estimated from the target profile (not measured).</param>
/// <param name="CacheFile">The timing cache's file name (<c>int8-layer-timings-MACHINE.json</c>), when one was used.</param>
/// <param name="Reused">Layers with the op, attributes and shapes of a layer timed during this stage, given its timing (0 in journals written before it was counted).</param>
public sealed record LayerTimingSources(int Measured, int Cached, int Estimated, string? CacheFile, int Reused = 0)
{
    /// <summary>"per-layer INT8 timings: 12 measured now (reused for 4 identical layers), 30 from the cache int8-layer-timings-m.json".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Measured > 0 || Reused > 0 || Cached == 0 && Estimated == 0) parts.Add(N(Measured) + " measured now" + (Reused > 0 ? $" (reused for {N(Reused)} identical layers)" : ""));
        if (Cached > 0) parts.Add($"{N(Cached)} from the cache {CacheFile ?? "file"}");
        if (Estimated > 0) parts.Add($"{N(Estimated)} estimated from the target profile (not measured)");
        return "per-layer INT8 timings: " + string.Join(", ", parts);
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
