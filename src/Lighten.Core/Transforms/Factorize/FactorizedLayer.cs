namespace Lighten.Core.Transforms.Factorize;

/// <summary>One layer <see cref="FactorizeConvolutions"/> rewrote.</summary>
/// <param name="Name">The layer's node name (kept by the node that writes the layer's output).</param>
/// <param name="OpType">Its op type before the rewrite.</param>
/// <param name="Pass">The pass that rewrote it.</param>
/// <param name="Summary">A short form of the rewrite for a table, such as <c>bottleneck 1280 → 64 (71.2% energy)</c>.</param>
/// <param name="Change">The pass's one-line description of the rewrite.</param>
/// <param name="MacsBefore">The layer's MACs before.</param>
/// <param name="MacsAfter">The MACs of the nodes that now compute it.</param>
public sealed record FactorizedLayer(string Name, string OpType, string Pass, string Summary, string Change, long MacsBefore, long MacsAfter);
