using Lighten.Core.Targets;

namespace Lighten.Core.Tests.Targets;

public class TargetProfileYamlTests
{
    internal const string Minimal = """
        name: board
        peak:
          fp32: 10
        bandwidthGBps: 2
        ramGiB: 0.5
        """;

    internal const string Full = """
        name: board-2
        description: a test board
        cores: 4
        clockGHz: 1.2
        peak:
          fp32: 20
          fp16: 40
          int8: 80
        bandwidthGBps: 4
        cacheMiB: 2
        cacheBandwidthGBps: 16
        ramGiB: 1
        ops:
          fp32: all
          fp16: [Conv, Relu, Add]
          int8:
            allExcept: [ConvTranspose, Resize]
        sparseWeightsFaster: true
        efficiency:
          conv: 0.5
          depthwiseConv: 0.1
          int8:
            conv: 0.25
        halfEfficiencyDepth: 32
        layerOverheadUs: 15
        sources:
          - datasheet
          - a benchmark
        """;

    [Fact]
    public void A_minimal_profile_takes_the_defaults()
    {
        var p = TargetProfileYaml.Parse(Minimal, "board.yaml");
        Assert.Equal("board", p.Name);
        Assert.Equal("", p.Description);
        Assert.Equal(10, p.PeakGops[Precision.Fp32]);
        Assert.Equal(512L * 1024 * 1024, p.RamBytes);
        Assert.True(p.Runs(Precision.Fp32));
        Assert.False(p.Runs(Precision.Fp16));
        Assert.Equal(OpSupport.All, p.Ops[Precision.Fp32]);
        Assert.True(p.Supports("Conv", Precision.Fp32));
        Assert.False(p.Supports("Conv", Precision.Int8));
        Assert.Equal(1, p.EfficiencyOf(OpClass.DepthwiseConv, Precision.Fp32));
        Assert.False(p.SparseWeightsFaster);
        Assert.Equal(0, p.CacheBytes);
        Assert.Empty(p.Sources);
    }

    [Fact]
    public void A_full_profile_reads_every_key()
    {
        var p = TargetProfileYaml.Parse(Full, "board-2.yaml");
        Assert.Equal(("a test board", 4, 1.2), (p.Description, p.Cores, p.ClockGHz));
        Assert.Equal([Precision.Fp32, Precision.Fp16, Precision.Int8], p.RunnablePrecisions);
        Assert.True(p.Supports("Relu", Precision.Fp16));
        Assert.False(p.Supports("Sigmoid", Precision.Fp16));
        Assert.True(p.Supports("Sigmoid", Precision.Int8));
        Assert.False(p.Supports("ConvTranspose", Precision.Int8));
        Assert.False(p.Supports("Resize", Precision.Int8));
        Assert.True(p.Supports("ConvTranspose", Precision.Fp32));
        Assert.Equal(0.5, p.EfficiencyOf(OpClass.Conv, Precision.Fp32));
        Assert.Equal(0.25, p.EfficiencyOf(OpClass.Conv, Precision.Int8));
        Assert.Equal(0.1, p.EfficiencyOf(OpClass.DepthwiseConv, Precision.Int8));
        Assert.Equal(1, p.EfficiencyOf(OpClass.Gemm, Precision.Int8));
        Assert.Equal((2L << 20, 16.0), (p.CacheBytes, p.CacheBandwidthGBps));
        Assert.Equal((32.0, 15.0, true), (p.HalfEfficiencyDepth, p.LayerOverheadUs, p.SparseWeightsFaster));
        Assert.Equal(["datasheet", "a benchmark"], p.Sources.ToArray());
    }

    [Fact]
    public void Ops_may_be_none_and_unknown_ops_are_never_supported()
    {
        var p = TargetProfileYaml.Parse(Minimal + "\nops:\n  fp32: none\n", "b.yaml");
        Assert.True(p.Ops[Precision.Fp32].IsEmpty);
        Assert.False(p.Supports("Conv", Precision.Fp32));
        Assert.False(TargetProfileYaml.Parse(Minimal, "b.yaml").Supports("NoSuchOp", Precision.Fp32));
    }

    [Theory]
    [InlineData(Minimal)]
    [InlineData(Full)]
    public void Written_profiles_read_back_the_same(string yaml)
    {
        var p = TargetProfileYaml.Parse(yaml, "p.yaml");
        var q = TargetProfileYaml.Parse(TargetProfileYaml.Write(p), "p.yaml");
        Assert.Equal(p.Name, q.Name);
        Assert.Equal(p.Description, q.Description);
        Assert.Equal(p.PeakGops, q.PeakGops);
        Assert.Equal(p.Ops, q.Ops);
        Assert.Equal(p.Efficiency, q.Efficiency);
        Assert.Equal(p.PrecisionEfficiency.Keys, q.PrecisionEfficiency.Keys);
        Assert.Equal((p.RamBytes, p.CacheBytes, p.BandwidthGBps, p.LayerOverheadUs), (q.RamBytes, q.CacheBytes, q.BandwidthGBps, q.LayerOverheadUs));
        Assert.Equal(p.Sources.ToArray(), q.Sources.ToArray());
    }

    [Theory]
    [InlineData("name: [unclosed\n", null, "not valid YAML")]
    [InlineData("", null, "empty")]
    [InlineData("- a\n- b\n", null, "mapping")]
    [InlineData("peak:\n  fp32: 1\nbandwidthGBps: 1\nramGiB: 1\n", "name", "missing")]
    [InlineData("name: b\nbandwidthGBps: 1\nramGiB: 1\n", "peak", "missing")]
    [InlineData("name: b\npeak:\n  fp32: 1\nramGiB: 1\n", "bandwidthGBps", "missing")]
    [InlineData("name: b\npeak:\n  fp32: 1\nbandwidthGBps: 1\n", "ramGiB", "missing")]
    [InlineData(Minimal + "\npeek: 3\n", "peek", "unknown key")]
    [InlineData("name: my board\npeak:\n  fp32: 1\nbandwidthGBps: 1\nramGiB: 1\n", "name", "not a valid name")]
    [InlineData("name: b\npeak:\n  fp64: 1\nbandwidthGBps: 1\nramGiB: 1\n", "peak.fp64", "unknown precision")]
    [InlineData("name: b\npeak:\n  fp32: fast\nbandwidthGBps: 1\nramGiB: 1\n", "peak.fp32", "expected a number")]
    [InlineData("name: b\npeak:\n  fp32: -2\nbandwidthGBps: 1\nramGiB: 1\n", "peak.fp32", "positive")]
    [InlineData("name: b\npeak:\n  fp32: ~\nbandwidthGBps: 1\nramGiB: 1\n", "peak.fp32", "expected a number")]
    [InlineData("name: b\npeak: {}\nbandwidthGBps: 1\nramGiB: 1\n", "peak", "at least one precision")]
    [InlineData(Minimal + "\nops:\n  fp16: all\n", "ops.fp16", "no peak.fp16")]
    [InlineData(Minimal + "\nops:\n  fp32:\n    allExcept: [ConvTranpose]\n", "ops.fp32.allExcept", "'ConvTranpose'")]
    [InlineData(Minimal + "\nops:\n  fp32: some\n", "ops.fp32", "expected 'all'")]
    [InlineData(Minimal + "\nefficiency:\n  convolution: 0.5\n", "efficiency.convolution", "unknown op class")]
    [InlineData(Minimal + "\nefficiency:\n  conv: 0\n", "efficiency.conv", "above 0")]
    [InlineData(Minimal + "\nefficiency:\n  int8:\n    conv: 0.5\n", "efficiency.int8", "no peak.int8")]
    [InlineData(Minimal + "\ncacheMiB: 1\n", "cacheBandwidthGBps", "missing")]
    [InlineData(Minimal + "\ncores: 2.5\n", "cores", "whole number")]
    [InlineData(Minimal + "\nsparseWeightsFaster: maybe\n", "sparseWeightsFaster", "true or false")]
    [InlineData(Minimal + "\nlayerOverheadUs: -1\n", "layerOverheadUs", "negative")]
    [InlineData(Minimal + "\nsources: {a: b}\n", "sources", "list")]
    public void Errors_name_the_file_and_the_key(string yaml, string? key, string message)
    {
        var e = Assert.Throws<TargetProfileException>(() => TargetProfileYaml.Parse(yaml, "boards/b.yaml"));
        Assert.Equal("boards/b.yaml", e.File);
        Assert.Equal(key, e.Key);
        Assert.Contains(message, e.Message);
        Assert.StartsWith("boards/b.yaml: ", e.Describe());
        if (key is not null) Assert.Contains($"key '{key}'", e.Describe());
        Assert.DoesNotContain('\n', e.Describe());
    }

    [Fact]
    public void Errors_give_the_line_of_the_key()
    {
        var e = Assert.Throws<TargetProfileException>(() => TargetProfileYaml.Parse(Minimal + "\npeek: 3\n", "b.yaml"));
        Assert.Equal(6, e.Line);
        Assert.Contains("(line 6)", e.Describe());
    }

    [Fact]
    public void Loading_a_missing_file_names_it()
    {
        var e = Assert.Throws<TargetProfileException>(() => TargetCatalog.Load("/nonexistent/board.yaml"));
        Assert.Equal("/nonexistent/board.yaml", e.File);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Get_takes_a_yaml_path_for_a_user_profile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lighten-target-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Minimal);
        try
        {
            Assert.Equal("board", TargetCatalog.Get(path).Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_unknown_name_lists_the_built_in_targets()
    {
        var e = Assert.Throws<OptionException>(() => TargetCatalog.Get("nosuch"));
        Assert.Contains("'nosuch'", e.Message);
        foreach (var name in TargetCatalog.Names) Assert.Contains(name, e.Message);
    }
}
