namespace Lighten.Pipeline.Trials;

/// <summary>The kinds of trial <see cref="TrialRunner"/> runs.</summary>
public static class TrialKinds
{
    /// <summary>G1: graft one zoo backbone, fine-tune it distilling from the model before the step, evaluate it.</summary>
    public const string Backbone = "backbone";

    /// <summary>G5: prune at one ratio, fine-tune, convert again when the model before the step was INT8/FP16, evaluate.</summary>
    public const string Prune = "prune";
}
