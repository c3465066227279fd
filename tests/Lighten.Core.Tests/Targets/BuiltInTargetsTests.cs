using Lighten.Core.Targets;

namespace Lighten.Core.Tests.Targets;

public class BuiltInTargetsTests
{
    [Fact]
    public void Every_built_in_profile_reads_and_cites_its_figures()
    {
        Assert.Equal(["host", "rk3399-armcl", "rk3399-cpu", "rpi4", "jetson-nano"], TargetCatalog.Names);
        foreach (var name in TargetCatalog.Names)
        {
            var p = TargetCatalog.Get(name);
            Assert.Equal(name, p.Name);
            Assert.NotEmpty(p.Description);
            Assert.NotEmpty(p.Sources);
            Assert.True(p.RamBytes > 0 && p.BandwidthGBps > 0 && p.Cores > 0);
            Assert.True(p.Runs(Precision.Fp32));
        }
        Assert.Equal(TargetCatalog.Names, TargetCatalog.BuiltIn().Select(p => p.Name));
    }

    [Theory]
    // The reference case: ARM Compute Library 19.05 on the Mali GPU runs FP16, but not INT8 deconvolution.
    [InlineData("rk3399-armcl", "ConvTranspose", Precision.Fp32, true)]
    [InlineData("rk3399-armcl", "ConvTranspose", Precision.Fp16, true)]
    [InlineData("rk3399-armcl", "ConvTranspose", Precision.Int8, false)]
    [InlineData("rk3399-armcl", "Conv", Precision.Int8, true)]
    [InlineData("rk3399-armcl", "Conv", Precision.Fp16, true)]
    // ARMv8.0 CPUs have no FP16 arithmetic.
    [InlineData("rk3399-cpu", "Conv", Precision.Fp16, false)]
    [InlineData("rk3399-cpu", "ConvTranspose", Precision.Int8, true)]
    [InlineData("rk3399-cpu", "Conv", Precision.Fp32, true)]
    [InlineData("rpi4", "Conv", Precision.Fp16, false)]
    [InlineData("rpi4", "Gemm", Precision.Int8, true)]
    // Maxwell: FP16, no fast INT8.
    [InlineData("jetson-nano", "Conv", Precision.Fp16, true)]
    [InlineData("jetson-nano", "Conv", Precision.Int8, false)]
    [InlineData("host", "Conv", Precision.Fp32, true)]
    [InlineData("host", "NoSuchOp", Precision.Fp32, false)]
    public void Supports_per_built_in(string target, string op, Precision precision, bool expected) =>
        Assert.Equal(expected, TargetCatalog.Get(target).Supports(op, precision));

    [Theory]
    [InlineData("rk3399-armcl")]
    [InlineData("rk3399-cpu")]
    [InlineData("rpi4")]
    [InlineData("jetson-nano")]
    public void No_built_in_device_gains_from_sparse_weights(string target) =>
        Assert.False(TargetCatalog.Get(target).SparseWeightsFaster);

    [Fact]
    public void The_host_default_has_this_machine_s_cores_and_memory()
    {
        var host = TargetCatalog.DefaultHost;
        Assert.Equal(Environment.ProcessorCount, host.Cores);
        Assert.Equal(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, host.RamBytes);
        Assert.Contains(host.Sources, s => s.Contains("--measure-host", StringComparison.Ordinal));
    }

    [Fact]
    public void The_host_cache_is_read_when_present_and_ignored_when_broken()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"lighten-cache-{Guid.NewGuid():N}");
        Assert.Null(HostProfileCache.TryLoad(dir));
        var measured = TargetCatalog.DefaultHost with { Description = "measured", PeakGops = TargetCatalog.DefaultHost.PeakGops.SetItem(Precision.Fp32, 123) };
        var path = HostProfileCache.Save(measured, dir);
        Assert.StartsWith(dir, path);
        Assert.Equal(123, HostProfileCache.TryLoad(dir)!.PeakGops[Precision.Fp32]);
        File.WriteAllText(path, "name: [broken");
        Assert.Null(HostProfileCache.TryLoad(dir));
        Directory.Delete(dir, recursive: true);
    }
}
