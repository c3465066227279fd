using Lighten.Pipeline.Stages;
using Lighten.Runtime.Calibration;
using Lighten.Training.Tests.Trainer;
using static Lighten.Pipeline.Tests.Stages.FakeMeasurer;

namespace Lighten.Pipeline.Tests.Stages;

/// <summary>
/// G5 after a kept G3 prunes the last FP32 model and quantizes it again under G3's <c>max_drop</c>: within the bound the
/// pruned INT8 model is judged as usual, beyond it the re-quantization's reject reason rejects it.
/// </summary>
public class GuidelineRunnerBranchRequantizeTests(TinyImageFolderFixture folder) : IClassFixture<TinyImageFolderFixture>
{
    private const string OverBound = "INT8 loses 3 points, more than steps.g3.max_drop 1";

    /// <summary>What the accuracy-aware quantization found: FP32 at 90 %, INT8 at <paramref name="int8"/>, a bound of one point.</summary>
    private static AccuracyOutcome Quantized(double int8) => new("top-1", 0.90, int8, MaxDrop: 1, Evaluations: 3, KeptFp32: []);

    [Theory]
    [InlineData(0.895, null)]
    [InlineData(0.89, null)]
    [InlineData(0.87, OverBound)]
    public void G3_rejects_only_a_drop_beyond_max_drop(double int8, string? reason) =>
        Assert.Equal(reason, QuantizeStep.DropRejection(Quantized(int8)));

    [Fact]
    public void G3_without_an_accuracy_measurement_rejects_nothing() => Assert.Null(QuantizeStep.DropRejection(null));

    [Theory]
    [InlineData(null)]
    [InlineData(OverBound)]
    public void A_re_quantized_pruned_model_carries_the_re_quantization_s_reject_reason(string? reject)
    {
        var again = new StepProduct(true, ["5 of 6 layers in INT8 (percentile calibration, 8 samples)", "INT8 drop 3 points"], RejectReason: reject);

        var product = PruneStep.Reconverted(["removed 30% of the channels"], "/run/stages/05-G5.fp32.onnx", "int8", again);

        Assert.True(product.Written);
        Assert.Equal(reject, product.RejectReason);
        Assert.Null(product.Accuracy);
        Assert.Equal(["removed 30% of the channels", "pruned FP32 model (05-G5.fp32.onnx) converted to int8 again: 5 of 6 layers in INT8 (percentile calibration, 8 samples)"],
            product.Details);
    }

    [Fact]
    public void A_pruned_model_that_cannot_be_quantized_again_leaves_G5_not_applied()
    {
        var again = StepProduct.NotApplied("no layer was quantized: FP32: Conv × 2 (kept FP32)", ["0 of 2 layers in INT8"]);

        var product = PruneStep.Reconverted(["removed 30% of the channels"], "05-G5.fp32.onnx", "int8", again);

        Assert.False(product.Written);
        Assert.Equal("no layer was quantized: FP32: Conv × 2 (kept FP32)", product.NotAppliedReason);
        Assert.Equal(2, product.Details.Count);
    }

    [Theory]
    [InlineData(0.895, StageDecision.Kept, "helps: ")]
    [InlineData(0.87, StageDecision.Rejected, OverBound)]
    public void The_runner_keeps_or_rejects_G5_after_G3_by_the_re_quantization_s_bound(double int8, StageDecision decision, string reason)
    {
        using var bench = new RunnerBench(folder, "max_accuracy_drop: 5\nmax_latency_ms: 1");
        var script = Script();
        script["G5"] = Fig(40, sizeMB: 2, precision: "int8");
        bench.Steps["G5"].Body = (c, artifact, _) =>
        {
            // As PruneStep: prune the last FP32 model, then quantize the pruned model again because the current one is INT8.
            var fp32 = Path.ChangeExtension(artifact, ".fp32.onnx");
            File.Copy(c.CurrentFp32Path, fp32, overwrite: true);
            var again = ScriptedStep.Tweak(c, artifact, "G5") with { RejectReason = QuantizeStep.DropRejection(Quantized(int8)) };
            return PruneStep.Reconverted(["removed 30% of the channels"], fp32, c.Current!.Precision, again);
        };
        var measurer = new FakeMeasurer(script);

        var report = bench.Run(measurer);

        Assert.Equal(StageDecision.Kept, report.Stages.Single(s => s.Id == "G3").Decision);
        var g5 = report.Stages.Single(s => s.Id == "G5");
        Assert.Equal(decision, g5.Decision);
        Assert.StartsWith(reason, g5.Reason);
        Assert.Contains("pruned FP32 model (05-G5.fp32.onnx) converted to int8 again: G5 wrote a tweaked copy", g5.Details);
        Assert.EndsWith("02-G2.onnx", bench.Steps["G5"].StartedFromFp32);
        // Measured either way (the report shows what was lost), timed against G3 only when within the bound.
        Assert.Contains("G5", measurer.Measured);
        Assert.Equal(decision == StageDecision.Kept, measurer.Duels.Contains("G5"));
        Assert.Equal(decision == StageDecision.Kept ? "G5" : "G3", report.FinalStage);
    }
}
