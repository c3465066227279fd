using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Preparation;
using Lighten.Core.Targets;
using Lighten.Runtime.Fp16;

namespace Lighten.Pipeline.Stages;

/// <summary>G4: FP16 with FP32 islands for unsafe ops, only where the target runs FP16 faster (measured on the host, estimated elsewhere) unless the policy is "always".</summary>
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

    /// <summary>Converts the FP32 model <paramref name="source"/> to FP16 into <paramref name="artifact"/> when the target runs it faster, or always with <paramref name="force"/> (G5 uses it to convert a pruned model again).</summary>
    public static StepProduct Convert(StageContext context, string source, string artifact, bool force)
    {
        var model = ModelPreparation.Run(OnnxImporter.Load(source), PreparationOptions.Precision);
        var result = Fp16Precision.Run(model, context.Choice, Options(context, force), new Progress(context.Observer));
        var details = result.Conversion.Pass.Details.ToList();
        if (result.Decision is { } decision) details.Add(decision.Reason);
        if (!result.Write) return StepProduct.NotApplied(result.Decision!.Reason, details);
        OnnxExporter.Save(result.Graph, artifact);
        return new StepProduct(true, details);
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
