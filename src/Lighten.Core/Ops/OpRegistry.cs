using System.Collections.Frozen;
using System.Reflection;

namespace Lighten.Core.Ops;

/// <summary>The registered <see cref="OpFamily"/> classes of this assembly, by domain and op type.</summary>
public static class OpRegistry
{
    private static readonly FrozenDictionary<(string Domain, string OpType), OpFamily> Families = Discover();

    /// <summary>The family that knows <paramref name="opType"/> in <paramref name="domain"/>, or null for an unknown op.</summary>
    public static OpFamily? Find(string domain, string opType) =>
        Families.GetValueOrDefault((NormalizeDomain(domain), opType));

    /// <summary>The family of a node's op, or null when the op is unknown.</summary>
    public static OpFamily? Find(Node node) => Find(node.Domain, node.OpType);

    /// <summary>Every op type with a registered family, as <c>domain:op</c> for non-default domains.</summary>
    public static IEnumerable<string> KnownOps =>
        Families.Keys.Select(k => k.Domain.Length == 0 ? k.OpType : $"{k.Domain}:{k.OpType}").Order(StringComparer.Ordinal);

    private static string NormalizeDomain(string domain) => domain == "ai.onnx" ? "" : domain;

    private static FrozenDictionary<(string, string), OpFamily> Discover()
    {
        var map = new Dictionary<(string, string), OpFamily>();
        foreach (var type in typeof(OpFamily).Assembly.GetTypes())
        {
            if (type.IsAbstract || !type.IsSubclassOf(typeof(OpFamily))) continue;
            var family = (OpFamily)Activator.CreateInstance(type, nonPublic: true)!;
            foreach (var op in family.OpTypes)
            {
                if (!map.TryAdd((NormalizeDomain(family.Domain), op), family))
                    throw new InvalidOperationException($"op {op} is registered by both {map[(family.Domain, op)].GetType().Name} and {type.Name}");
            }
        }
        return map.ToFrozenDictionary();
    }
}
