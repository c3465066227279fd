using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Fp16;
using Lighten.Core.Transforms.Preparation;

namespace Lighten.Runtime.Fp16;

/// <summary>
/// The FP16 capability (<c>lighten fp16</c> and the pipeline's G4): converts weights and activations to float16 with FP32
/// islands for unsafe ops, the ops named to keep and those the target lacks in FP16, then decides whether the target runs
/// it faster — measured side by side on the host, estimated from a target's profile elsewhere.
/// </summary>
public static class Fp16Precision
{
    /// <summary>
    /// How the model must be prepared for <see cref="Run"/> on <paramref name="target"/>: normalized with BatchNorm folded,
    /// and with fixed sizes on the host (timing FP16 against FP32 needs them).
    /// </summary>
    public static PreparationOptions Preparation(TargetChoice target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsHost ? PreparationOptions.Precision.NeedingSizes("timing FP16 against FP32 on this host") : PreparationOptions.Precision;
    }

    /// <summary>Converts <paramref name="model"/> (prepared with <see cref="Preparation"/>) for <paramref name="target"/> and decides whether the FP16 model ships.</summary>
    /// <exception cref="OptionException">A name to keep in FP32 names no op type or node of the model.</exception>
    public static Fp16Result Run(PreparedModel model, TargetChoice target, Fp16PrecisionOptions? options = null, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(target);
        options ??= new();
        var graph = model.Graph;
        var keep = options.KeepFp32.ToHashSet(StringComparer.Ordinal);
        var unknown = keep.Where(k => !graph.Nodes.Any(n => n.Name == k || n.OpType == k)).ToList();
        if (unknown.Count > 0) throw new OptionException($"--keep-fp32 names no op type or node of the model: {string.Join(", ", unknown)}");
        var conversion = ConvertToFp16.RunDetailed(graph, new Fp16Options { KeepFp32 = keep, TargetVeto = target.Fp16Veto });
        GraphValidator.Validate(conversion.Pass.Graph);
        if (!options.Decide)
        {
            if (!options.Force) throw new ArgumentException("an FP16 conversion without a decision must be forced", nameof(options));
            return new Fp16Result(conversion, null, Write: true);
        }
        progress?.Report("deciding FP16: " + (target.IsHost ? "timing FP16 against FP32 on the host" : "checking the target's FP16 ops"));
        var decision = target.IsHost
            ? Fp16Advisor.MeasureOnHost(graph, conversion.Pass.Graph, options.Session, options.Rounds, options.RunsPerRound)
            : Fp16Advisor.FromTarget(target.Profile, graph);
        return new Fp16Result(conversion, decision, decision.Convert || options.Force);
    }
}
