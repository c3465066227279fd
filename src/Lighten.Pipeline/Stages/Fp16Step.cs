using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Preparation;
using Lighten.Core.Targets;
using Lighten.Runtime.Fp16;

namespace Lighten.Pipeline.Stages;

/// <summary>
/// G4: FP16 with FP32 islands for unsafe ops, only where the target runs FP16 faster (measured on the host, estimated
/// elsewhere) unless the policy is "always"; on the host an FP16 model timed slower is rejected with that timing.
/// </summary>
public sealed class Fp16Step : IGuidelineStep
{
    /// <inheritdoc/>
    public string Id => "G4";

    /// <inheritdoc/>
    public string Title => "FP16 / mixed precision";

    /// <inheritdoc/>
    public string? SkipReason(StageContext context) =>
        context.Config.Steps.G4 is not { Policy: not "never" } ? "not allowed by the pipeline (steps.g4)"
        // The host profile lists no FP16 peak: on the host, timing FP16 against FP32 decides (as `lighten fp16` does).
        : !context.Choice.IsHost && !context.Target.Runs(Precision.Fp16) ? $"target '{context.Target.Name}' has no FP16"
        : null;

    /// <inheritdoc/>
    public StepProduct Run(StageContext context, string artifact, CancellationToken cancellationToken) =>
        Convert(context, context.CurrentFp32Path, artifact, force: context.Config.Steps.G4!.Policy == "always");

    /// <summary>
    /// Converts the FP32 model <paramref name="source"/> to FP16 into <paramref name="artifact"/> when the target runs it
    /// faster, or always with <paramref name="force"/> (G5 uses it to convert a pruned model again); on the host an FP16
    /// model timed slower is written too, carrying that timing as its reject reason.
    /// </summary>
    public static StepProduct Convert(StageContext context, string source, string artifact, bool force)
    {
        var model = ModelPreparation.Run(OnnxImporter.Load(source), PreparationOptions.Precision);
        return Product(Fp16Precision.Run(model, context.Choice, Options(context, force), new Progress(context.Observer)), artifact);
    }

    /// <summary>What a conversion's <paramref name="result"/> makes of the step: written, written and rejected by its host timing, or not applied.</summary>
    internal static StepProduct Product(Fp16Result result, string artifact)
    {
        var details = result.Conversion.Pass.Details.ToList();
        if (result.Decision is { } decision) details.Add(decision.Reason);
        // Timed slower on the host: the FP16 model is written and measured, then rejected by that timing, so its row
        // shows what FP16 would have cost; a target's estimate that FP16 does not pay leaves the step skipped.
        bool timedSlower = !result.Write && result.Decision is { Estimated: false, Fp16Ms: not null };
        if (!result.Write && !timedSlower) return StepProduct.NotApplied(result.Decision!.Reason, details);
        OnnxExporter.Save(result.Graph, artifact);
        return new StepProduct(true, details, RejectReason: timedSlower ? result.Decision!.Reason : null);
    }

    /// <summary>The options of <see cref="Fp16Precision.Run"/> the pipeline's G4 stands for: forced (then not timed) with policy <c>always</c> or when G5 converts a pruned model again.</summary>
    public static Fp16PrecisionOptions Options(StageContext context, bool force)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Fp16PrecisionOptions { Force = force, Decide = !force, Session = context.Session };
    }

    private sealed class Progress(IPipelineObserver observer) : IProgress<string>
    {
        public void Report(string value) => observer.Status(value);
    }
}
