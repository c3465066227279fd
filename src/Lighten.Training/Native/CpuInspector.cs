using System.Text;

namespace Lighten.Training.Native;

/// <summary>
/// Reads a processor's identity, features and cache topology from CPUID, as the oneDNN inside libtorch does (through
/// Xbyak) when it sizes its convolution blocks. A virtual machine that answers the deterministic cache leaf with zeros
/// (leaf 4 on Intel, 0x8000001D on AMD) hides the topology; libtorch 2.10's oneDNN then divides by a zero block size.
/// </summary>
public static class CpuInspector
{
    private const uint AmdCacheLeaf = 0x8000001D;

    private sealed record Feature(string Name, uint Leaf, uint Subleaf, char Register, int Bit);

    private static readonly Feature[] Known =
    [
        new("sse4_1", 1, 0, 'c', 19), new("sse4_2", 1, 0, 'c', 20), new("fma", 1, 0, 'c', 12), new("avx", 1, 0, 'c', 28),
        new("f16c", 1, 0, 'c', 29), new("hypervisor", 1, 0, 'c', 31),
        new("avx2", 7, 0, 'b', 5), new("avx512f", 7, 0, 'b', 16), new("avx512dq", 7, 0, 'b', 17), new("avx512bw", 7, 0, 'b', 30),
        new("avx512vl", 7, 0, 'b', 31), new("avx512_vnni", 7, 0, 'c', 11), new("avx512_fp16", 7, 0, 'd', 23),
        new("amx_bf16", 7, 0, 'd', 22), new("amx_tile", 7, 0, 'd', 24), new("amx_int8", 7, 0, 'd', 25),
        new("avx_vnni", 7, 1, 'a', 4), new("avx512_bf16", 7, 1, 'a', 5),
        new("topoext", 0x80000001, 0, 'c', 22),
    ];

    /// <summary>The feature names a <see cref="CpuReport"/> can list, in order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = [.. Known.Select(f => f.Name)];

    /// <summary>Reads <paramref name="cpu"/> (this machine's processor when null).</summary>
    public static CpuReport Inspect(ICpuId? cpu = null)
    {
        cpu ??= new HardwareCpuId();
        if (!cpu.Available) return new CpuReport("", System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString(),
            0, 0, 0, [], [], false, "no CPUID on this architecture");
        var zero = cpu.Query(0);
        uint maxLeaf = zero.Eax, maxExtended = cpu.Query(0x80000000).Eax;
        var vendor = Ascii(zero.Ebx, zero.Edx, zero.Ecx);
        var brand = maxExtended >= 0x80000004
            ? Ascii([.. Enumerable.Range(2, 3).SelectMany(i => { var r = cpu.Query(0x80000000u + (uint)i); return new[] { r.Eax, r.Ebx, r.Ecx, r.Edx }; })]).Trim()
            : "";
        var signature = cpu.Query(1).Eax;
        int baseFamily = (int)((signature >> 8) & 0xF), baseModel = (int)((signature >> 4) & 0xF);
        int family = baseFamily == 0xF ? baseFamily + (int)((signature >> 20) & 0xFF) : baseFamily;
        int model = baseFamily is 6 or 0xF ? ((int)((signature >> 16) & 0xF) << 4) + baseModel : baseModel;
        var features = Known
            .Where(f => (f.Leaf < 0x80000000 ? f.Leaf <= maxLeaf : f.Leaf <= maxExtended) && IsSet(cpu.Query(f.Leaf, f.Subleaf), f.Register, f.Bit))
            .Select(f => f.Name).ToList();

        bool amd = vendor is "AuthenticAMD" or "HygonGenuine";
        uint leaf = amd ? AmdCacheLeaf : 4u;
        bool present = amd ? maxExtended >= leaf : maxLeaf >= leaf;
        var caches = present ? Deterministic(cpu, leaf) : [];
        bool reported = caches.Any(c => c.Level == 1 && c.Kind != "instruction") && caches.Any(c => c.Level == 2);
        string note = reported ? $"leaf 0x{leaf:X} lists {caches.Count} caches"
            : present ? $"leaf 0x{leaf:X} lists no caches" : $"leaf 0x{leaf:X} absent";
        if (amd && !reported)
        {
            note += features.Contains("topoext") ? " although the topology-extensions flag is set" : " (topology-extensions flag off)";
            if (LegacyAmd(cpu, maxExtended) is { Count: > 0 } legacy)
            {
                caches = legacy;
                note += "; the legacy leaves 0x80000005/6 give sizes only";
            }
        }
        if (!reported && maxLeaf >= 0xB && cpu.Query(0xB).IsEmpty) note += "; leaf 0xB (core topology) empty";
        return new CpuReport(vendor, brand, family, model, (int)(signature & 0xF), features, caches, reported, note);
    }

    private static bool IsSet(CpuIdRegisters r, char register, int bit) =>
        ((register switch { 'a' => r.Eax, 'b' => r.Ebx, 'c' => r.Ecx, _ => r.Edx }) >> bit & 1) == 1;

    /// <summary>Leaf 4 (Intel) and 0x8000001D (AMD) share one layout: a subleaf per cache until the type field is zero.</summary>
    private static List<CacheLevel> Deterministic(ICpuId cpu, uint leaf)
    {
        var caches = new List<CacheLevel>();
        for (uint sub = 0; sub < 16; sub++)
        {
            var r = cpu.Query(leaf, sub);
            uint type = r.Eax & 0x1F;
            if (type == 0) break;
            long ways = (r.Ebx >> 22) + 1, partitions = ((r.Ebx >> 12) & 0x3FF) + 1, line = (r.Ebx & 0xFFF) + 1, sets = (long)r.Ecx + 1;
            var kind = type switch { 1 => "data", 2 => "instruction", _ => "unified" };
            caches.Add(new CacheLevel((int)((r.Eax >> 5) & 7), kind, ways * partitions * line * sets / 1024, (int)((r.Eax >> 14) & 0xFFF) + 1, $"0x{leaf:X}"));
        }
        return caches;
    }

    private static List<CacheLevel> LegacyAmd(ICpuId cpu, uint maxExtended)
    {
        var caches = new List<CacheLevel>();
        if (maxExtended >= 0x80000005 && cpu.Query(0x80000005).Ecx >> 24 is var l1 and > 0) caches.Add(new CacheLevel(1, "data", l1, 0, "0x80000005"));
        if (maxExtended < 0x80000006) return caches;
        var r = cpu.Query(0x80000006);
        if (r.Ecx >> 16 is var l2 and > 0) caches.Add(new CacheLevel(2, "unified", l2, 0, "0x80000006"));
        if ((r.Edx >> 18) * 512L is var l3 and > 0) caches.Add(new CacheLevel(3, "unified", l3, 0, "0x80000006"));
        return caches;
    }

    private static string Ascii(params uint[] registers)
    {
        var bytes = registers.SelectMany(BitConverter.GetBytes).TakeWhile(b => b != 0).ToArray();
        return Encoding.ASCII.GetString(bytes);
    }
}
