using System.Collections.Immutable;
using Lighten.Core.Ops;

namespace Lighten.Core.Targets;

/// <summary>
/// The ops a target runs at one precision: either every op Lighten knows except some
/// (<see cref="AllKnownExcept"/>), or only the listed ones. Op types are ONNX's, qualified as
/// <c>domain:op</c> outside the default domain (as <see cref="OpRegistry.KnownOps"/> lists them).
/// </summary>
public sealed record OpSupport
{
    private OpSupport(bool allKnownExcept, IEnumerable<string> ops)
    {
        AllKnownExcept = allKnownExcept;
        Ops = [.. ops];
    }

    /// <summary>True: every known op except <see cref="Ops"/>; false: only <see cref="Ops"/>.</summary>
    public bool AllKnownExcept { get; }

    /// <summary>The excluded ops (when <see cref="AllKnownExcept"/>) or the supported ones.</summary>
    public ImmutableSortedSet<string> Ops { get; }

    /// <summary>Every op Lighten knows.</summary>
    public static OpSupport All { get; } = new(true, []);

    /// <summary>No op at all.</summary>
    public static OpSupport None { get; } = new(false, []);

    /// <summary>Every op Lighten knows except <paramref name="ops"/>.</summary>
    public static OpSupport AllExcept(IEnumerable<string> ops) => new(true, ops);

    /// <summary>Only <paramref name="ops"/>.</summary>
    public static OpSupport Only(IEnumerable<string> ops) => new(false, ops);

    /// <summary>Whether <paramref name="opType"/> is an op Lighten knows.</summary>
    public static bool IsKnown(string opType) => OpRegistry.Families.FindByName(opType) is not null;

    /// <summary>The op type of <paramref name="node"/> as profiles name it (<c>domain:op</c> outside ONNX's default domain).</summary>
    public static string QualifiedOp(Node node) =>
        node.Domain is "" or "ai.onnx" ? node.OpType : $"{node.Domain}:{node.OpType}";

    /// <summary>Whether the op is supported.</summary>
    public bool Contains(string opType) => AllKnownExcept ? IsKnown(opType) && !Ops.Contains(opType) : Ops.Contains(opType);

    /// <summary>Whether no op at all is supported.</summary>
    public bool IsEmpty => !AllKnownExcept && Ops.IsEmpty;

    /// <inheritdoc/>
    public bool Equals(OpSupport? other) => other is not null && AllKnownExcept == other.AllKnownExcept && Ops.SetEquals(other.Ops);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(AllKnownExcept, Ops.Count);

    /// <summary><c>all</c>, <c>all except A, B</c>, <c>none</c> or the list.</summary>
    public override string ToString() => (AllKnownExcept, Ops.Count) switch
    {
        (true, 0) => "all",
        (true, _) => $"all except {string.Join(", ", Ops)}",
        (false, 0) => "none",
        _ => string.Join(", ", Ops),
    };
}
