using System.Globalization;
using YamlDotNet.Serialization;

namespace Lighten.Core.Targets;

/// <summary>
/// The YAML form of a <see cref="TargetProfile"/>. Keys: <c>name</c>, <c>description</c>, <c>cores</c> (CPU), <c>gpuCores</c>, <c>clockGHz</c>,
/// <c>peak</c> (<c>fp32</c>/<c>fp16</c> in GFLOP/s, <c>int8</c> in GOP/s; leave out a precision the target cannot run),
/// <c>bandwidthGBps</c>, <c>cacheMiB</c> and <c>cacheBandwidthGBps</c> (optional, together), <c>ramGiB</c>, <c>ops</c> (per precision: <c>all</c>, <c>none</c>, a list of op types, or
/// <c>allExcept: [...]</c>; a precision left out runs <c>all</c>), <c>sparseWeightsFaster</c>, <c>efficiency</c>
/// (per op class: <c>conv</c>, <c>depthwiseConv</c>, <c>pointwiseConv</c>, <c>convTranspose</c>, <c>gemm</c>,
/// <c>elementwise</c>, <c>pooling</c>, <c>dataMovement</c>, <c>other</c>; and optionally per precision, e.g.
/// <c>int8: {conv: 0.8}</c>), <c>halfEfficiencyDepth</c>, <c>layerOverheadUs</c> and <c>sources</c>. Required: name, peak, bandwidthGBps, ramGiB.
/// </summary>
public static class TargetProfileYaml
{
    private const double BytesPerGiB = 1024.0 * 1024 * 1024;
    private const double BytesPerMiB = 1024.0 * 1024;

    /// <summary>Reads a profile from <paramref name="yaml"/>; errors name <paramref name="file"/>, the key and the line.</summary>
    /// <exception cref="TargetProfileException">The text is not a valid profile.</exception>
    public static TargetProfile Parse(string yaml, string file)
    {
        using var reader = new StringReader(yaml);
        return new ProfileYamlReader(file).Read(reader);
    }

    /// <summary>The YAML text of <paramref name="profile"/>; <see cref="Parse"/> reads it back.</summary>
    public static string Write(TargetProfile profile)
    {
        var root = new Dictionary<string, object>
        {
            ["name"] = profile.Name,
            ["description"] = profile.Description,
        };
        if (profile.Cores > 0) root["cores"] = profile.Cores;
        if (profile.GpuCores > 0) root["gpuCores"] = profile.GpuCores;
        if (profile.ClockGHz > 0) root["clockGHz"] = Round(profile.ClockGHz);
        root["peak"] = profile.PeakGops.ToDictionary(kv => kv.Key.Key(), kv => (object)Round(kv.Value));
        root["bandwidthGBps"] = Round(profile.BandwidthGBps);
        if (profile.CacheBytes > 0)
        {
            root["cacheMiB"] = Round(profile.CacheBytes / BytesPerMiB);
            root["cacheBandwidthGBps"] = Round(profile.CacheBandwidthGBps);
        }
        root["ramGiB"] = Round(profile.RamBytes / BytesPerGiB);
        root["ops"] = profile.Ops.ToDictionary(kv => kv.Key.Key(), kv => OpList(kv.Value));
        root["sparseWeightsFaster"] = profile.SparseWeightsFaster;
        var efficiency = Factors(profile.Efficiency);
        foreach (var (precision, factors) in profile.PrecisionEfficiency) efficiency[precision.Key()] = Factors(factors);
        if (efficiency.Count > 0) root["efficiency"] = efficiency;
        if (profile.HalfEfficiencyDepth > 0) root["halfEfficiencyDepth"] = Round(profile.HalfEfficiencyDepth);
        root["layerOverheadUs"] = Round(profile.LayerOverheadUs);
        if (profile.Sources.Length > 0) root["sources"] = profile.Sources.ToList();
        return new SerializerBuilder().Build().Serialize(root);
    }

    private static object OpList(OpSupport ops) => (ops.AllKnownExcept, ops.Ops.Count) switch
    {
        (true, 0) => "all",
        (false, 0) => "none",
        (true, _) => new Dictionary<string, object> { ["allExcept"] = ops.Ops.ToList() },
        _ => ops.Ops.ToList(),
    };

    private static Dictionary<string, object> Factors(IEnumerable<KeyValuePair<OpClass, double>> factors) =>
        factors.ToDictionary(kv => ProfileYamlKeys.Key(kv.Key), kv => (object)Round(kv.Value));

    // Four significant digits keep measured figures readable and round-trip exactly through Parse.
    private static double Round(double value) =>
        value == 0 ? 0 : double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
