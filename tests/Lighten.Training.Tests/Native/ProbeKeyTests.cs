using Lighten.TestSupport;
using Lighten.Training.Native;

namespace Lighten.Training.Tests.Native;

public class ProbeKeyTests
{
    private static ProbeKey Key(string cpuid, string libTorch = "TorchSharp 0.107.0", string lighten = "1.0.0+abc", string user = "")
    {
        var recorded = RecordedCpuId.Parse(cpuid);
        return ProbeKey.Create(CpuInspector.Inspect(recorded), recorded, libTorch, lighten, user);
    }

    [Fact]
    public void The_key_changes_with_cpu_features_libtorch_lighten_and_user_settings_and_nothing_else()
    {
        var key = Key(CpuInspectorTests.HiddenAmd);
        Assert.Equal(key, Key(CpuInspectorTests.HiddenAmd));
        Assert.Equal(key.Id, Key(CpuInspectorTests.HiddenAmd).Id);
        Assert.Matches("^[0-9a-f]{16}$", key.Id);
        Assert.Contains("family 26, model 2", key.Cpu);
        // The initial APIC ID (leaf 1 EBX[31:24]) names the core that answered: another core, the same key.
        Assert.Equal(key.Id, Key(CpuInspectorTests.HiddenAmd.Replace("00B00F21 C1FE0800", "00B00F21 25FE0800")).Id);
        var withCaches = CpuInspectorTests.HiddenAmd + "\n8000001D.0: 00004121 01C0003F 0000003F 00000000";
        var otherFeatures = CpuInspectorTests.HiddenAmd.Replace("00000007.1: 00000030", "00000007.1: 00000010");
        var others = new[]
        {
            Key(withCaches), Key(otherFeatures), Key(CpuInspectorTests.HiddenAmd, libTorch: "TorchSharp 0.108.0"),
            Key(CpuInspectorTests.HiddenAmd, lighten: "1.0.0+def"), Key(CpuInspectorTests.HiddenAmd, user: "ONEDNN_MAX_CPU_ISA=AVX"),
        };
        Assert.Equal(others.Length + 1, others.Select(k => k.Id).Append(key.Id).Distinct().Count());
    }

    [Fact]
    public void Cached_verdicts_are_found_by_key_and_a_file_of_another_key_is_ignored()
    {
        var cache = new ProbeCache(TestTemp.CreateSubdirectory("lighten-probe-").FullName);
        var key = Key(CpuInspectorTests.HiddenAmd);
        Assert.Null(cache.TryLoad(key));
        var verdict = new ProbeVerdict(key, "onednn-avx", "because", [new CandidateResult("default", "died", "k", 8, null, null, null, null, null)],
            new Bf16Verdict(true, 0.004, "linear"), DateTime.UnixEpoch, 1.5);
        var path = cache.Save(verdict);
        Assert.Equal(cache.PathFor(key), path);
        var loaded = cache.TryLoad(key)!;
        Assert.Equal(verdict.Remedy, loaded.Remedy);
        Assert.Equal(verdict.Candidates, loaded.Candidates);
        Assert.Equal(verdict.Bf16, loaded.Bf16);
        File.Copy(path, cache.PathFor(Key(CpuInspectorTests.HiddenAmd, lighten: "2")));
        Assert.Null(cache.TryLoad(Key(CpuInspectorTests.HiddenAmd, lighten: "2")));
        File.WriteAllText(path, "{ not json");
        Assert.Null(cache.TryLoad(key));
    }

    [Theory]
    [InlineData("all", "default", true)]
    [InlineData("default, onednn-avx", "onednn-avx", true)]
    [InlineData("default", "no-onednn", false)]
    [InlineData("", "default", false)]
    public void The_crash_switch_names_remedies(string setting, string remedy, bool crashes) =>
        Assert.Equal(crashes, KernelProbe.SimulatesCrash(remedy, setting));

    [Fact]
    public void Choosing_prefers_a_surviving_default_then_the_fastest_survivor()
    {
        CandidateResult Ok(string r, double rate) => new(r, "ok", null, null, 1e-7, 0.004, "linear", rate, null);
        CandidateResult Died(string r) => new(r, "died", "strided 1×1 convolution (backward data)", 8, null, null, null, null, null);
        Assert.Equal("default", ProbeVerdict.Choose([Ok("default", 0)], "").Remedy);
        Assert.Equal("no-onednn", ProbeVerdict.Choose([Died("default"), Ok("onednn-avx", 30), Died("onednn-sse41"), Ok("no-onednn", 40)], "note").Remedy);
        var (none, reason) = ProbeVerdict.Choose([Died("default"), Died("onednn-avx")], "note");
        Assert.Null(none);
        Assert.Contains("died by signal SIGFPE in strided 1×1 convolution", reason);
        var wrong = new CandidateResult("default", "wrong", "strided depthwise 3×3 convolution", null, 0.9, null, null, null, null);
        Assert.Equal("onednn-avx", ProbeVerdict.Choose([wrong, Ok("onednn-avx", 1)], "").Remedy);
    }

    [Fact]
    public void Bf16_wrong_only_in_strided_convolutions_keeps_them_fp32_anything_else_is_refused()
    {
        CandidateResult Ran(double error, params string[] wrong) => new("default", "ok", null, null, 1e-7, error, "k", 1, null, wrong);
        Assert.Equal(new Bf16Verdict(true, 0.004, "k"), Ran(0.004).Bf16Verdict());
        var strided = Ran(0.97, "dwconv3x3-s2", "conv7x7-s2").Bf16Verdict();
        Assert.True(strided is { Ok: true, StridedConvolutionsInFp32: true });
        Assert.Equal(["strided depthwise 3×3 convolution", "strided 7×7 stem convolution"], strided.Wrong!);
        Assert.True(Ran(0.9, "dwconv3x3-s2", "linear").Bf16Verdict() is { Ok: false, StridedConvolutionsInFp32: false });
        Assert.False(Ran(0.9, "convtranspose4x4-s2").Bf16Verdict().Ok);
    }
}
