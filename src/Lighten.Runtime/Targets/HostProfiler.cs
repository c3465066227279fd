using System.Collections.Immutable;
using System.Globalization;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Runtime;


/// <summary>What <see cref="HostProfiler"/> measured, per second of one ONNX Runtime session on this machine.</summary>
/// <param name="Threads">Intra-op threads of the sessions.</param>
/// <param name="ConvGflops">A 3×3 convolution (128 channels, 56×56): the FP32 peak of the profile.</param>
/// <param name="PointwiseGflops">A 1×1 convolution (256 channels, 56×56).</param>
/// <param name="ThinPointwiseGflops">A thin 1×1 convolution (16 to 256 channels, 56×56): how much slower layers with few input channels run.</param>
/// <param name="DepthwiseGflops">A 3×3 depthwise convolution (256 channels, 56×56).</param>
/// <param name="ConvTransposeGflops">A 4×4 stride-2 transposed convolution (128 channels, 28×28 to 56×56).</param>
/// <param name="GemmGflops">A 2048×1000 fully connected layer at batch 1.</param>
/// <param name="Int8Gops">The 3×3 convolution in INT8 (QDQ, run as QLinearConv); 0 when ONNX Runtime could not load it.</param>
/// <param name="BandwidthGBps">An Add over 64 MB (one read and one write stream).</param>
/// <param name="LayerOverheadUs">Per layer of a chain of small 3×3 convolutions, the time beyond their work at the 3×3 rate.</param>
public sealed record HostMeasurement(
    int Threads, double ConvGflops, double PointwiseGflops, double ThinPointwiseGflops, double DepthwiseGflops, double ConvTransposeGflops,
    double GemmGflops, double Int8Gops, double BandwidthGBps, double LayerOverheadUs);

/// <summary>
/// Measures the <c>host</c> target profile with ONNX Runtime: times one-layer models (<see cref="CalibrationModels"/>)
/// and turns their rates into a profile whose FP32 peak is the 3×3 convolution's rate and whose efficiency factors are
/// the other layers' rates over that peak; the thin 1×1 convolution gives <see cref="TargetProfile.HalfEfficiencyDepth"/>,
/// and each factor is the one of a deep layer once that scaling is undone. Takes a few seconds; <see cref="Ensure"/> keeps the
/// result in <see cref="HostProfileCache"/> so that <c>TargetCatalog.Get("host", cacheDirectory)</c> finds it afterwards.
/// </summary>
public static class HostProfiler
{
    private const int ChainLength = 32;

    /// <summary>The measurement of this machine cached in <paramref name="cacheDirectory"/>, or a new one (saved there) when there is none.</summary>
    public static TargetProfile Ensure(string cacheDirectory, SessionOptionsSpec? spec = null)
    {
        if (HostProfileCache.TryLoad(cacheDirectory) is { } cached) return cached;
        var profile = Measure(spec);
        HostProfileCache.Save(profile, cacheDirectory);
        return profile;
    }

    /// <summary>Measures this machine and returns its profile (not cached).</summary>
    public static TargetProfile Measure(SessionOptionsSpec? spec = null) => ToProfile(MeasureFigures(spec), DateTime.UtcNow);

    /// <summary>
    /// Times the calibration models in <paramref name="rounds"/> interleaved rounds of <paramref name="runs"/> timed runs
    /// (<see cref="InterleavedTimer"/>), medians throughout, as <c>lighten bench</c> reports the models the profile estimates.
    /// </summary>
    public static HostMeasurement MeasureFigures(SessionOptionsSpec? spec = null, int rounds = 5, int runs = 5)
    {
        spec ??= new SessionOptionsSpec();
        var conv = CalibrationModels.Conv(128, 56, 3);
        var pointwise = CalibrationModels.Conv(256, 56, 1);
        var thin = CalibrationModels.Conv(16, 56, 1, outChannels: 256);
        var depthwise = CalibrationModels.Conv(256, 56, 3, group: 256);
        var deconv = CalibrationModels.ConvTranspose(128, 28);
        var gemm = CalibrationModels.Gemm(2048, 1000);
        var int8 = CalibrationModels.Int8Conv(128, 56);
        var add = CalibrationModels.Add(16L << 20);
        var chain = CalibrationModels.ConvChain(ChainLength);
        var folder = Path.Combine(Path.GetTempPath(), "lighten-host-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            IReadOnlyDictionary<string, double> seconds;
            using (var timer = new InterleavedTimer(folder, [conv, pointwise, thin, depthwise, deconv, gemm, int8, add, chain], spec))
                seconds = timer.Seconds(rounds, runs);
            double Rate(CalibrationModels.Model m) => seconds.TryGetValue(m.Name, out var s) ? m.Operations / s / 1e9 : 0;
            double convRate = Rate(conv);
            double perLayer = (seconds[chain.Name] - chain.Operations / (convRate * 1e9)) / ChainLength;
            return new HostMeasurement(
                spec.Threads, convRate, Rate(pointwise), Rate(thin), Rate(depthwise), Rate(deconv), Rate(gemm), Rate(int8),
                BandwidthGBps: add.Bytes / seconds[add.Name] / 1e9,
                LayerOverheadUs: Math.Max(0, perLayer * 1e6));
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
        double half = HalfEfficiencyDepth(m.ThinPointwiseGflops / m.PointwiseGflops);
        // The factor of a layer class measured at reduction depth d, before the depth scaling d / (d + half).
        double Factor(double rate, double depth) => rate / peak * (depth + half) / depth;
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
                .SetItem(OpClass.Conv, Factor(m.ConvGflops, 128 * 9))
                .SetItem(OpClass.PointwiseConv, Factor(m.PointwiseGflops, 256))
                .SetItem(OpClass.DepthwiseConv, m.DepthwiseGflops / peak)
                .SetItem(OpClass.ConvTranspose, Factor(m.ConvTransposeGflops, 128))
                .SetItem(OpClass.Gemm, Factor(m.GemmGflops, 2048)),
            HalfEfficiencyDepth = half,
            PrecisionEfficiency = ImmutableSortedDictionary<Precision, ImmutableSortedDictionary<OpClass, double>>.Empty,
            LayerOverheadUs = m.LayerOverheadUs,
            Sources =
            [
                $"Measured by Lighten.Runtime.HostProfiler with ONNX Runtime {OrtEnv.Instance().GetVersionString()} (CPU execution provider, {m.Threads} intra-op threads) on {when:yyyy-MM-dd}: "
                + $"3x3 conv {F(m.ConvGflops)} GFLOP/s, 1x1 conv {F(m.PointwiseGflops)} (16 input channels: {F(m.ThinPointwiseGflops)}), depthwise 3x3 {F(m.DepthwiseGflops)}, 4x4/2 ConvTranspose {F(m.ConvTransposeGflops)}, "
                + $"batch-1 Gemm {F(m.GemmGflops)}, INT8 3x3 conv {F(m.Int8Gops)} GOP/s, Add over 64 MB {F(m.BandwidthGBps)} GB/s, {F(m.LayerOverheadUs)} us per layer beyond its work (chain of small convolutions)",
                "Elementwise, pooling and data-movement factors are the embedded host defaults (those layers are bound by memory bandwidth)",
            ],
        };
    }

    // Solves thin / deep = [16 / (16 + h)] / [256 / (256 + h)] for h, the depth at which a layer runs at half its rate.
    private static double HalfEfficiencyDepth(double thinOverDeep)
    {
        double r = Math.Clamp(thinOverDeep, 0.07, 1);
        return 4096 * (1 - r) / (256 * r - 16);
    }
}
