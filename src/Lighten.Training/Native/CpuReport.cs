namespace Lighten.Training.Native;

/// <summary>One cache as CPUID describes it.</summary>
/// <param name="Level">1, 2 or 3.</param>
/// <param name="Kind">"data", "instruction" or "unified".</param>
/// <param name="SizeKiB">Its size in KiB.</param>
/// <param name="SharedBy">How many logical processors share it, when the leaf says (0: not said).</param>
/// <param name="Leaf">The CPUID leaf that described it, such as <c>0x8000001D</c>.</param>
public sealed record CacheLevel(int Level, string Kind, long SizeKiB, int SharedBy, string Leaf);

/// <summary>What CPUID says about this processor: the facts <c>lighten doctor</c> prints and the probe key is made of.</summary>
/// <param name="Vendor">The vendor string (<c>GenuineIntel</c>, <c>AuthenticAMD</c>), empty off x86.</param>
/// <param name="Model">The brand string.</param>
/// <param name="Family">The display family (base plus extended).</param>
/// <param name="ModelNumber">The display model.</param>
/// <param name="Stepping">The stepping.</param>
/// <param name="Features">The instruction-set features that decide which kernels libtorch and oneDNN run.</param>
/// <param name="Caches">The caches the vendor's deterministic cache leaf lists (leaf 4 on Intel, 0x8000001D on AMD), else the legacy AMD leaves.</param>
/// <param name="TopologyReported">Whether the deterministic cache leaf lists a level-1 data cache and a level-2 cache.</param>
/// <param name="TopologyNote">How the cache topology was found or why it counts as hidden, in a few words.</param>
public sealed record CpuReport(
    string Vendor, string Model, int Family, int ModelNumber, int Stepping,
    IReadOnlyList<string> Features, IReadOnlyList<CacheLevel> Caches, bool TopologyReported, string TopologyNote)
{
    /// <summary>Whether <paramref name="feature"/> (a name of <see cref="CpuInspector.FeatureNames"/>) is present.</summary>
    public bool Has(string feature) => Features.Contains(feature, StringComparer.Ordinal);
}
