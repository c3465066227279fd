namespace Lighten.Core.Transforms.Opset;

/// <summary>
/// What <see cref="UpgradeOpset"/> knows about a family of default-domain ops: how a node written at an older
/// opset is rewritten so that it computes the same at a newer one. Subclasses are found by
/// <see cref="AdapterRegistry"/>: supporting another op means adding one class.
/// </summary>
public abstract class OpsetAdapter : Lighten.Core.Ops.IOpHandler
{
    /// <summary>The op types this adapter handles.</summary>
    public abstract IReadOnlyList<string> OpTypes { get; }

    /// <summary>The op domain: empty, the default domain, the only one <see cref="UpgradeOpset"/> converts.</summary>
    public virtual string Domain => "";

    /// <summary>Why <paramref name="node"/> cannot be brought from <see cref="UpgradeContext.From"/> to <see cref="UpgradeContext.To"/>; null when it can.</summary>
    public virtual string? Refusal(Node node, UpgradeContext ctx) => null;

    /// <summary>
    /// Rewrites <paramref name="node"/> in <see cref="UpgradeContext.Builder"/> (replacing it by name, adding
    /// initializers or helper nodes) and returns one line saying what changed, or null when it stays as it is.
    /// Called only when <see cref="Refusal"/> returned null.
    /// </summary>
    public abstract string? Rewrite(Node node, UpgradeContext ctx);
}
