using System.Collections.Immutable;
using System.Globalization;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Microsoft.ML.OnnxRuntime;
using TargetCatalog = Lighten.Core.Targets.Targets;

namespace Lighten.Runtime;

/// <summary>What <see cref="HostProfiler"/> measured, per second of one ONNX Runtime session on this machine.</summary>
/// <param name="Threads">Intra-op threads of the sessions.</param>
/// <param name="ConvGflops">A 3×3 convolution (128 channels, 56×56): the FP32 peak of the profile.</param>
/// <param name="PointwiseGflops">A 1×1 convolution (256 channels, 56×56).</param>
/// <param name="DepthwiseGflops">A 3×3 depthwise convolution (256 channels, 56×56).</param>
/// <param name="ConvTransposeGflops">A 4×4 stride-2 transposed convolution (128 channels, 28×28 to 56×56).</param>
/// <param name="GemmGflops">A 2048×1000 fully connected layer at batch 1.</param>
/// <param name="Int8Gops">The 3×3 convolution in INT8 (QDQ, run as QLinearConv); 0 when ONNX Runtime could not run it.</param>
/// <param name="BandwidthGBps">An Add over 64 MB (one read and one write stream).</param>
/// <param name="LayerOverheadUs">The time per node of a chain of tiny nodes, beyond one node.</param>
public sealed record HostMeasurement(
    int Threads, double ConvGflops, double PointwiseGflops, double DepthwiseGflops, double ConvTransposeGflops,
    double GemmGflops, double Int8Gops, double BandwidthGBps, double LayerOverheadUs);

/// <summary>
/// Measures the <c>host</c> target profile with ONNX Runtime: times one-layer models (<see cref="CalibrationModels"/>)
/// and turns their rates into a profile whose FP32 peak is the 3×3 convolution's rate (efficiency 1) and whose other
/// efficiency factors are the other layers' rates over that peak. Takes a few seconds; <see cref="Ensure"/> keeps the
/// result in <see cref="HostProfileCache"/> so that <c>Targets.Get("host")</c> finds it afterwards.
/// </summary>
public static class HostProfiler
{
    private const int ChainLength = 64;

    /// <summary>The cached measurement of this machine, or a new one (saved to the cache) when there is none.</summary>
    public static TargetProfile Ensure(string? cacheDirectory = null, SessionOptionsSpec? spec = null)
    {
        if (HostProfileCache.TryLoad(cacheDirectory) is { } cached) return cached;
        var profile = Measure(spec);
        HostProfileCache.Save(profile, cacheDirectory);
        return profile;
    }

    /// <summary>Measures this machine and returns its profile (not cached).</summary>
    public static TargetProfile Measure(SessionOptionsSpec? spec = null) => ToProfile(MeasureFigures(spec), DateTime.UtcNow);

    /// <summary>Times the calibration models; <paramref name="runs"/> timed runs each (the fastest counts).</summary>
    public static HostMeasurement MeasureFigures(SessionOptionsSpec? spec = null, int runs = 7)
    {
        spec ??= new SessionOptionsSpec();
        var folder = Path.Combine(Path.GetTempPath(), "lighten-host-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            double Rate(CalibrationModels.Model model, Func<CalibrationModels.Model, double> work) => work(model) / Seconds(folder, model, spec, runs) / 1e9;
            double Ops(CalibrationModels.Model m) => m.Operations;
            double chainOne = Seconds(folder, CalibrationModels.Chain(1), spec, runs);
            double chainMany = Seconds(folder, CalibrationModels.Chain(ChainLength), spec, runs);
            return new HostMeasurement(
                spec.Threads,
                ConvGflops: Rate(CalibrationModels.Conv(128, 56, 3), Ops),
                PointwiseGflops: Rate(CalibrationModels.Conv(256, 56, 1), Ops),
                DepthwiseGflops: Rate(CalibrationModels.Conv(256, 56, 3, group: 256), Ops),
                ConvTransposeGflops: Rate(CalibrationModels.ConvTranspose(128, 28), Ops),
                GemmGflops: Rate(CalibrationModels.Gemm(2048, 1000), Ops),
                Int8Gops: TryRate(() => Rate(CalibrationModels.Int8Conv(128, 56), Ops)),
                BandwidthGBps: Rate(CalibrationModels.Add(16L << 20), m => m.Bytes),
                LayerOverheadUs: Math.Max(0, (chainMany - chainOne) / (ChainLength - 1) * 1e6));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The profile of a measurement taken at <paramref name="when"/>: the embedded host defaults with the measured figures.</summary>
    public static TargetProfile ToProfile(HostMeasurement m, DateTime when)
    {
        var defaults = TargetCatalog.DefaultHost;
        double peak = m.ConvGflops;
        var peaks = ImmutableSortedDictionary<Precision, double>.Empty.Add(Precision.Fp32, peak);
        if (m.Int8Gops > 0) peaks = peaks.Add(Precision.Int8, m.Int8Gops);
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        return defaults with
        {
            Description = $"this machine: ONNX Runtime CPU, {m.Threads} threads (measured {when:yyyy-MM-dd})",
            Cores = m.Threads,
            PeakGops = peaks,
            BandwidthGBps = m.BandwidthGBps,
            Ops = peaks.Keys.ToImmutableSortedDictionary(p => p, _ => OpSupport.All),
            Efficiency = defaults.Efficiency
                .SetItem(OpClass.Conv, 1)
                .SetItem(OpClass.PointwiseConv, m.PointwiseGflops / peak)
                .SetItem(OpClass.DepthwiseConv, m.DepthwiseGflops / peak)
                .SetItem(OpClass.ConvTranspose, m.ConvTransposeGflops / peak)
                .SetItem(OpClass.Gemm, m.GemmGflops / peak),
            PrecisionEfficiency = ImmutableSortedDictionary<Precision, ImmutableSortedDictionary<OpClass, double>>.Empty,
            LayerOverheadUs = m.LayerOverheadUs,
            Sources =
            [
                $"Measured by Lighten.Runtime.HostProfiler with ONNX Runtime {OrtEnv.Instance().GetVersionString()} (CPU execution provider, {m.Threads} intra-op threads) on {when:yyyy-MM-dd}: "
                + $"3x3 conv {F(m.ConvGflops)} GFLOP/s, 1x1 conv {F(m.PointwiseGflops)}, depthwise 3x3 {F(m.DepthwiseGflops)}, 4x4/2 ConvTranspose {F(m.ConvTransposeGflops)}, "
                + $"batch-1 Gemm {F(m.GemmGflops)}, INT8 3x3 conv {F(m.Int8Gops)} GOP/s, Add over 64 MB {F(m.BandwidthGBps)} GB/s, {F(m.LayerOverheadUs)} us per node",
                "Elementwise, pooling and data-movement factors are the embedded host defaults (those layers are bound by memory bandwidth)",
            ],
        };
    }

    private static double Seconds(string folder, CalibrationModels.Model model, SessionOptionsSpec spec, int runs)
    {
        var path = Path.Combine(folder, model.Name + ".onnx");
        OnnxExporter.Save(model.Graph, path);
        // The fastest run: the machine's capacity, least disturbed by other work on it.
        return LatencyBenchmark.Run(path, spec, warmup: 2, runs).LatencyMs.Min / 1e3;
    }

    private static double TryRate(Func<double> measure)
    {
        try
        {
            return measure();
        }
        catch (SessionException)
        {
            return 0;
        }
    }
}
