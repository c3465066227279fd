namespace Lighten.Core.Transforms.Cleanup;

/// <summary>
/// The exact clean-up a transform that rewrites weights needs on models from other exporters: constants folded (weights
/// given as <c>Constant</c> nodes become initializers), Identity and inference Dropout removed, and initializers that
/// several nodes share (PyTorch's de-duplication) copied per node. Unlike <see cref="Optimize"/> it keeps BatchNormalization.
/// </summary>
public static class Normalize
{
    /// <summary>Runs <see cref="FoldConstants"/>, <see cref="RemoveIdentity"/> and <see cref="PrivatizeInitializers"/> in turn.</summary>
    public static OptimizeResult Run(Graph g) => OptimizeResult.Chain(g, FoldConstants.Run, RemoveIdentity.Run, PrivatizeInitializers.Run);
}
