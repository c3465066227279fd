using Lighten.Training.Native;

namespace Lighten.Training.Tests.Native;

/// <summary>The detection logic on CPUID answers recorded from real machines and built by hand from the vendors' layouts.</summary>
public class CpuInspectorTests
{
    /// <summary>The 2-core AMD EPYC (family 26) KVM guest where libtorch 2.10's oneDNN dies: leaf 0x8000001D, leaf 4 and leaf 0xB answer zeros.</summary>
    public const string HiddenAmd = """
        00000000.0: 0000000D 68747541 444D4163 69746E65
        00000001.0: 00B00F21 C1FE0800 FED83203 178BFBFF
        00000007.0: 00000001 F1BB03A9 18005F42 00000110
        00000007.1: 00000030 00000000 00000000 00000000
        80000000.0: 80000021 68747541 444D4163 69746E65
        80000001.0: 00B00F21 40000000 440001F1 25D3FBFF
        80000002.0: 20444D41 43595045 00000000 00000000
        80000005.0: FF60FF40 FF60FF40 300C0140 20080140
        80000006.0: 40802040 60804040 04006140 0FE09140
        """;

    /// <summary>An AMD processor that answers leaf 0x8000001D: 32 KiB L1 data, 32 KiB L1 instruction, 1 MiB L2, 32 MiB L3.</summary>
    private const string TopologyAmd = """
        00000000.0: 00000010 68747541 444D4163 69746E65
        00000001.0: 00A00F11 00000800 7ED8320B 178BFBFF
        80000000.0: 80000028 68747541 444D4163 69746E65
        80000001.0: 00A00F11 40000000 444031FB 25D3FBFF
        8000001D.0: 00004121 01C0003F 0000003F 00000000
        8000001D.1: 00004122 01C0003F 0000003F 00000000
        8000001D.2: 00004143 01C0003F 000007FF 00000002
        8000001D.3: 0001C163 03C0003F 00007FFF 00000001
        """;

    /// <summary>An Intel processor whose leaf 4 lists a 48 KiB L1 data cache (12-way, 64 sets) and a 2 MiB L2 (16-way, 2048 sets).</summary>
    private const string TopologyIntel = """
        00000000.0: 0000001F 756E6547 6C65746E 49656E69
        00000001.0: 000806F8 00800800 7FFEFBFF BFEBFBFF
        00000004.0: 00004121 02C0003F 0000003F 00000000
        00000004.1: 00004143 03C0003F 000007FF 00000000
        """;

    /// <summary>The same Intel processor in a guest whose hypervisor hides leaf 4.</summary>
    private const string HiddenIntel = """
        00000000.0: 0000001F 756E6547 6C65746E 49656E69
        00000001.0: 000806F8 00800800 7FFEFBFF BFEBFBFF
        """;

    [Fact]
    public void Amd_guest_with_empty_cache_leaf_is_hidden_and_named()
    {
        var cpu = CpuInspector.Inspect(RecordedCpuId.Parse(HiddenAmd));
        Assert.Equal("AuthenticAMD", cpu.Vendor);
        Assert.Equal((26, 2, 1), (cpu.Family, cpu.ModelNumber, cpu.Stepping));
        Assert.False(cpu.TopologyReported);
        Assert.Contains("leaf 0x8000001D lists no caches", cpu.TopologyNote);
        Assert.Contains("leaf 0xB (core topology) empty", cpu.TopologyNote);
        // The legacy leaves still give sizes: 48 KiB L1 data, 1 MiB L2.
        Assert.Contains(cpu.Caches, c => c is { Level: 1, SizeKiB: 48, Leaf: "0x80000005" });
        Assert.Contains(cpu.Caches, c => c is { Level: 2, SizeKiB: 1024, Leaf: "0x80000006" });
        Assert.True(cpu.Has("avx512_bf16") && cpu.Has("avx512f") && cpu.Has("avx2") && cpu.Has("avx_vnni"));
        Assert.False(cpu.Has("avx512_fp16"));
    }

    [Fact]
    public void Amd_with_cache_leaf_reports_each_cache()
    {
        var cpu = CpuInspector.Inspect(RecordedCpuId.Parse(TopologyAmd));
        Assert.True(cpu.TopologyReported);
        Assert.Equal([(1, "data", 32L), (1, "instruction", 32L), (2, "unified", 1024L), (3, "unified", 32768L)],
            cpu.Caches.Select(c => (c.Level, c.Kind, c.SizeKiB)));
        Assert.All(cpu.Caches, c => Assert.Equal("0x8000001D", c.Leaf));
        Assert.Equal(8, cpu.Caches[3].SharedBy);
    }

    [Fact]
    public void Intel_reads_leaf_4_and_hidden_leaf_4_is_hidden()
    {
        var shown = CpuInspector.Inspect(RecordedCpuId.Parse(TopologyIntel));
        Assert.Equal("GenuineIntel", shown.Vendor);
        Assert.Equal((6, 0x8F), (shown.Family, shown.ModelNumber));
        Assert.True(shown.TopologyReported);
        Assert.Equal([48L, 2048L], shown.Caches.Select(c => c.SizeKiB));
        var hidden = CpuInspector.Inspect(RecordedCpuId.Parse(HiddenIntel));
        Assert.False(hidden.TopologyReported);
        Assert.Empty(hidden.Caches);
        Assert.Contains("leaf 0x4 lists no caches", hidden.TopologyNote);
    }

    [Fact]
    public void Recording_round_trips_and_this_machine_reads_consistently()
    {
        var recorded = RecordedCpuId.Parse(HiddenAmd);
        var again = RecordedCpuId.Parse(RecordedCpuId.Record(recorded));
        Assert.Equal(CpuInspector.Inspect(recorded).TopologyNote, CpuInspector.Inspect(again).TopologyNote);
        var here = new HardwareCpuId();
        if (!here.Available) return;
        Assert.Equal(CpuInspector.Inspect(here), CpuInspector.Inspect(RecordedCpuId.Parse(RecordedCpuId.Record(here))), new ReportComparer());
        Assert.Throws<FormatException>(() => RecordedCpuId.Parse("80000001.0: 1 2 3"));
    }

    private sealed class ReportComparer : IEqualityComparer<CpuReport>
    {
        public bool Equals(CpuReport? a, CpuReport? b) => a!.Model == b!.Model && a.Features.SequenceEqual(b.Features)
            && a.Caches.SequenceEqual(b.Caches) && a.TopologyReported == b.TopologyReported && a.TopologyNote == b.TopologyNote;

        public int GetHashCode(CpuReport r) => r.Model.GetHashCode();
    }
}
