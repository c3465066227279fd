namespace Lighten.Core.Transforms.Prune;

/// <summary>How <see cref="PruneChannels"/> ranks channel groups: the least important go first.</summary>
public enum PruneCriterion
{
    /// <summary>Mean absolute value of the weights that produce the group's channels.</summary>
    L1,

    /// <summary>Root mean square of the weights that produce the group's channels.</summary>
    L2,

    /// <summary>Absolute BatchNormalization scale of the group's channels (network slimming); groups without one fall back to L1.</summary>
    BatchNorm,
}
