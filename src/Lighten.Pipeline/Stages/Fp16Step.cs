using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Preparation;
using Lighten.Core.Targets;
using Lighten.Core.Transforms.Precision;
using Lighten.Runtime.Precision;

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
        : !context.Target.Runs(Precision.Fp16) ? $"target '{context.Target.Name}' has no FP16"
        : null;

    /// <inheritdoc/>
    public StepProduct Run(StageContext context, string artifact, CancellationToken cancellationToken) =>
        Convert(context, context.CurrentFp32Path, artifact, force: context.Config.Steps.G4!.Policy == "always");

    /// <summary>Converts the FP32 model <paramref name="source"/> to FP16 into <paramref name="artifact"/> when the target runs it faster, or always with <paramref name="force"/> (G5 uses it to convert a pruned model again).</summary>
    public static StepProduct Convert(StageContext context, string source, string artifact, bool force)
    {
        var graph = ModelPreparation.Run(OnnxImporter.Load(source), PreparationOptions.Precision).Graph;
        var target = context.Target;
        var veto = target.Name == Targets.HostName || !target.Runs(Precision.Fp16) ? null
            : new Func<Lighten.Core.Node, string?>(n => target.Refusal(n, Precision.Fp16));
        var conversion = ConvertToFp16.RunDetailed(graph, new Fp16Options { TargetVeto = veto });
        var half = conversion.Pass.Graph;
        var details = conversion.Pass.Details.ToList();
        if (!force)
        {
            context.Observer.Status("deciding FP16: " + (context.Target.Name == Targets.HostName ? "timing FP16 against FP32 on the host" : "checking the target's FP16 ops"));
            var decision = context.Target.Name == Targets.HostName
                ? Fp16Advisor.MeasureOnHost(graph, half, context.Session)
                : Fp16Advisor.FromTarget(target, graph);
            details.Add(decision.Reason);
            if (!decision.Convert) return StepProduct.NotApplied(decision.Reason, details);
        }
        OnnxExporter.Save(half, artifact);
        return new StepProduct(true, details);
    }
}
