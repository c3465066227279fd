using System.Globalization;

namespace Lighten.Pipeline.Measure;

/// <summary>
/// Where the per-layer INT8 timings behind G3's FP32/INT8 choice came from: layers timed now on this machine, layers read
/// from the per-machine timing cache (measured in an earlier run), or layers estimated from a target profile.
/// </summary>
/// <param name="Measured">Layers timed in ONNX Runtime during this stage.</param>
/// <param name="Cached">Layers whose timing came from <paramref name="CacheFile"/>.</param>
/// <param name="Estimated">Layers whose timing was estimated from the target profile (not measured).</param>
/// <param name="CacheFile">The timing cache's file name (<c>int8-layer-timings-MACHINE.json</c>), when one was used.</param>
public sealed record LayerTimingSources(int Measured, int Cached, int Estimated, string? CacheFile)
{
    /// <summary>"per-layer INT8 timings: 12 measured now, 30 from the cache int8-layer-timings-m.json".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Measured > 0 || Cached == 0 && Estimated == 0) parts.Add(N(Measured) + " measured now");
        if (Cached > 0) parts.Add($"{N(Cached)} from the cache {CacheFile ?? "file"}");
        if (Estimated > 0) parts.Add($"{N(Estimated)} estimated from the target profile (not measured)");
        return "per-layer INT8 timings: " + string.Join(", ", parts);
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
