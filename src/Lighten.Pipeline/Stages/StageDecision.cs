namespace Lighten.Pipeline.Stages;

/// <summary>What became of a stage.</summary>
public enum StageDecision
{
    /// <summary>Applied and kept: its artifact is the model the next stage starts from.</summary>
    Kept,

    /// <summary>Applied and measured, but not kept (it did not help, or broke a requirement the model before it met).</summary>
    Rejected,

    /// <summary>Not applied (the target cannot run what it produces, the guideline's order does not call for it, or it is not allowed).</summary>
    Skipped,

    /// <summary>The step threw, or its artifact could not be measured: the reason names the step and the error; the model is unchanged.</summary>
    Failed,
}
