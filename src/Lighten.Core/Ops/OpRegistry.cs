namespace Lighten.Core.Ops;

/// <summary>The registered <see cref="OpFamily"/> classes (shape and cost rules), by domain and op type.</summary>
public static class OpRegistry
{
    /// <summary>The table: this assembly's families, plus those registered from outside with <see cref="OpTable{T}.Register(T)"/>.</summary>
    public static OpTable<OpFamily> Families { get; } = new("shape rules", typeof(OpFamily).Assembly);

    /// <summary>The family that knows <paramref name="opType"/> in <paramref name="domain"/>, or null for an unknown op.</summary>
    public static OpFamily? Find(string domain, string opType) => Families.Find(domain, opType);

    /// <summary>The family of a node's op, or null when the op is unknown.</summary>
    public static OpFamily? Find(Node node) => Families.Find(node);

    /// <summary>Every op type with a registered family, as <c>domain:op</c> for non-default domains.</summary>
    public static IEnumerable<string> KnownOps => Families.Names;
}
