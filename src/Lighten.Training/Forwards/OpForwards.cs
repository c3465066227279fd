using Lighten.Core.Ops;

namespace Lighten.Training.Forwards;

/// <summary>The registered <see cref="OpForward"/> classes, by domain and op type.</summary>
public static class OpForwards
{
    /// <summary>The table: this assembly's forwards, plus those registered from outside with <see cref="OpTable{T}.Register(T)"/>.</summary>
    public static OpTable<OpForward> Forwards { get; } = new("forwards", typeof(OpForward).Assembly);

    /// <summary>The forward of <paramref name="opType"/> in <paramref name="domain"/>, or null when there is none.</summary>
    public static OpForward? Find(string domain, string opType) => Forwards.Find(domain, opType);

    /// <summary>Every supported op type, sorted (non-default domains as <c>domain:op</c>).</summary>
    public static IEnumerable<string> Names => Forwards.Names;
}
