using System.Collections.Immutable;

namespace Lighten.Core.Transforms.Factorize;

/// <summary>The result of <see cref="FactorizeConvolutions.Run"/>.</summary>
/// <param name="Graph">The factorized, SVD-initialized graph.</param>
/// <param name="Selection">The layers ranked and selected.</param>
/// <param name="Passes">The passes run, in order.</param>
/// <param name="Layers">The layers rewritten, heaviest first.</param>
/// <param name="Skipped">Selected layers left as they were, one line each with the reason.</param>
/// <param name="MacsBefore">The model's MACs before (at the selection's input shapes, batch 1).</param>
/// <param name="MacsAfter">The model's MACs after.</param>
public sealed record FactorizeResult(
    Graph Graph,
    LayerSelection Selection,
    ImmutableArray<PassResult> Passes,
    ImmutableArray<FactorizedLayer> Layers,
    ImmutableArray<string> Skipped,
    long MacsBefore,
    long MacsAfter);
