using Lighten.Core.Transforms.Opset;

namespace Lighten.Core.Transforms.Backbone;

/// <summary>
/// Zoo backbones are written for opset 17, and a few of their ops need a newer opset than older exports (paddle2onnx
/// writes 9–11) import: HardSwish (MobileNetV3) came in 14, Split's sizes as an input (ShuffleNetV2) in 13, Clip's bounds
/// as inputs (ReLU6) in 11. Such a model is raised before the graft: to 13 by <see cref="UpgradeOpset"/>, which rewrites
/// what changed, then to 14 by its import alone, since nothing a model can hold changed meaning from 13 to 14 (new types,
/// and attributes whose defaults keep the old behaviour).
/// </summary>
internal static class BackboneOpset
{
    /// <summary>The opset <paramref name="backbone"/>'s nodes need.</summary>
    public static long Required(Graph backbone) =>
        backbone.Nodes.Any(n => n.OpType == "HardSwish") ? 14
        : backbone.Nodes.Any(n => n.OpType == "Split" && n.Inputs.Length > 1) ? 13
        : backbone.Nodes.Any(n => n.OpType == "Clip" && n.Inputs.Length > 1) ? 11
        : 7;

    /// <summary>
    /// <paramref name="model"/> at an opset where <paramref name="backbone"/>'s nodes are valid, with one line saying
    /// what was raised; the model itself and null when it already was. Throws <see cref="OptionException"/> when the
    /// upgrade cannot convert one of its nodes.
    /// </summary>
    public static (Graph Model, string? Detail) Raise(Graph model, Graph backbone, string candidate)
    {
        long from = model.OpsetVersion(), needed = Required(backbone);
        if (from == 0 || from >= needed) return (model, null);
        var raised = model;
        if (from < UpgradeOpset.MaxTargetOpset)
        {
            try
            {
                raised = UpgradeOpset.Run(model).Graph;
            }
            catch (OpsetUpgradeException e)
            {
                throw new OptionException($"{candidate} needs opset {needed} and the model is at opset {from}, which cannot be upgraded: {e.Message}");
            }
        }
        if (raised.OpsetVersion() < needed)
            raised = raised with { Opsets = [.. raised.Opsets.Select(o => o.Domain is "" or "ai.onnx" ? o with { Version = needed } : o)] };
        return (raised, $"raised the model from opset {from} to {raised.OpsetVersion()}: {candidate}'s ops need {needed}");
    }
}
