using Lighten.Core;
using Lighten.Core.Analysis;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;

namespace Lighten.Runtime.Tests;

/// <summary>One measurement of this machine, shared by the tests that read it.</summary>
public sealed class HostMeasurementFixture
{
    public HostMeasurement Figures { get; } = HostProfiler.MeasureFigures(rounds: 2, runs: 2);
}

public class HostProfilerTests(HostMeasurementFixture fixture) : IClassFixture<HostMeasurementFixture>
{
    public static TheoryData<string> CalibrationModelNames => ["conv3", "conv1", "dw", "deconv", "gemm", "add", "chain", "int8"];

    private static CalibrationModels.Model Calibration(string name) => name switch
    {
        "conv3" => CalibrationModels.Conv(16, 12, 3),
        "conv1" => CalibrationModels.Conv(16, 12, 1),
        "dw" => CalibrationModels.Conv(16, 12, 3, group: 16),
        "deconv" => CalibrationModels.ConvTranspose(16, 6),
        "gemm" => CalibrationModels.Gemm(64, 10),
        "add" => CalibrationModels.Add(1000),
        "chain" => CalibrationModels.ConvChain(5),
        _ => CalibrationModels.Int8Conv(16, 12),
    };

    [Theory]
    [MemberData(nameof(CalibrationModelNames))]
    public void Calibration_models_are_valid_their_work_matches_the_profiler_and_onnx_runtime_runs_them(string name)
    {
        var model = Calibration(name);
        GraphValidator.Validate(model.Graph);
        var profile = Profiler.Run(model.Graph);
        if (name != "add") Assert.Equal(model.Operations, 2.0 * profile.Totals.Macs);
        var path = Path.Combine(TestFiles.TempDir(), model.Name + ".onnx");
        OnnxExporter.Save(model.Graph, path);
        var result = LatencyBenchmark.Run(path, new SessionOptionsSpec { IntraOpThreads = 1 }, warmup: 0, runs: 1);
        Assert.True(result.LatencyMs.Median > 0);
    }

    [Fact]
    public void Measured_figures_are_positive_and_finite()
    {
        var m = fixture.Figures;
        foreach (var v in new[] { m.ConvGflops, m.PointwiseGflops, m.DepthwiseGflops, m.ConvTransposeGflops, m.GemmGflops, m.Int8Gops, m.BandwidthGBps })
            Assert.True(double.IsFinite(v) && v > 0, $"{m}");
        Assert.True(m.LayerOverheadUs >= 0 && double.IsFinite(m.LayerOverheadUs));
        Assert.Equal(new SessionOptionsSpec().Threads, m.Threads);
    }

    [Fact]
    public void The_profile_takes_the_conv_rate_as_peak_and_the_others_as_efficiencies()
    {
        var m = fixture.Figures;
        var profile = HostProfiler.ToProfile(m, new DateTime(2025, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(TargetCatalog.HostName, profile.Name);
        Assert.Equal(m.ConvGflops, profile.PeakGops[Precision.Fp32]);
        Assert.Equal(m.Int8Gops, profile.PeakGops[Precision.Int8]);
        Assert.False(profile.Runs(Precision.Fp16));
        // The 3x3 conv (reduction depth 128x9) is the peak, scaled back by the measured half-efficiency depth.
        Assert.Equal((128 * 9 + profile.HalfEfficiencyDepth) / (128 * 9), profile.EfficiencyOf(OpClass.Conv, Precision.Fp32), 9);
        Assert.Equal(m.DepthwiseGflops / m.ConvGflops, profile.EfficiencyOf(OpClass.DepthwiseConv, Precision.Fp32), 12);
        Assert.Equal(m.BandwidthGBps, profile.BandwidthGBps);
        Assert.True(profile.Supports("ConvTranspose", Precision.Int8));
        Assert.Contains("2025-01-02", profile.Description);
        Assert.Contains(profile.Sources, s => s.Contains("HostProfiler", StringComparison.Ordinal));

        var reread = TargetProfileYaml.Parse(TargetProfileYaml.Write(profile), "host.yaml");
        Assert.Equal(profile.PeakGops.Keys, reread.PeakGops.Keys);
        Assert.Equal(profile.PeakGops[Precision.Fp32], reread.PeakGops[Precision.Fp32], profile.PeakGops[Precision.Fp32] * 1e-3);
    }

    [Fact]
    public void Ensure_returns_the_cached_measurement_without_measuring_again()
    {
        var dir = TestFiles.TempDir();
        var cached = TargetCatalog.DefaultHost with { Description = "cached for the test" };
        var path = HostProfileCache.Save(cached, dir);
        var before = File.GetLastWriteTimeUtc(path);
        var profile = HostProfiler.Ensure(dir);
        Assert.Equal("cached for the test", profile.Description);
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
        Assert.Equal(path, HostProfileCache.PathFor(dir));
    }
}
