using Lighten.Core.Transforms.Fp16;
using Lighten.Pipeline.Stages;
using Lighten.Runtime.Fp16;
using Lighten.TestSupport;
using Lighten.Training.Tests.Trainer;

namespace Lighten.Pipeline.Tests.Stages;

/// <summary>
/// What G4 makes of a conversion's decision: FP16 timed faster on the host is written; timed slower it is written too and
/// rejected by that timing (so its row shows what FP16 would cost); a target's estimate against it skips the step.
/// </summary>
public class Fp16StepProductTests
{
    private const string Slower = "FP16 is not faster on this host (2.477 ms vs 1.858 ms FP32; side by side 1.34x)";

    public static TheoryData<Fp16Decision, bool, bool, string?> Decisions => new()
    {
        { new Fp16Decision(true, "FP16 is 1.5x faster on this host", 3, 2), true, true, null },
        { new Fp16Decision(false, Slower, 1.858, 2.477), true, true, Slower },
        { new Fp16Decision(false, "rk3399-armcl: FP16 estimated slower", 3, 4, Estimated: true), false, false, null },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void A_decision_becomes_a_written_a_rejected_or_a_skipped_step(Fp16Decision decision, bool written, bool fileExists, string? reject)
    {
        var dir = TestTemp.CreateSubdirectory("lighten-g4-").FullName;
        var artifact = Path.Combine(dir, "04-G4.onnx");
        var conversion = ConvertToFp16.RunDetailed(TinyNet.Classifier(3, 32, seed: 1));
        var product = Fp16Step.Product(new Fp16Result(conversion, decision, decision.Convert), artifact);

        Assert.Equal(written, product.Written);
        Assert.Equal(fileExists, File.Exists(artifact));
        Assert.Equal(reject, product.RejectReason);
        Assert.Contains(decision.Reason, written ? product.Details : [product.NotAppliedReason!]);
        Directory.Delete(dir, recursive: true);
    }
}
