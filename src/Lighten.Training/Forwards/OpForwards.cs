using System.Collections.Frozen;

namespace Lighten.Training.Forwards;

/// <summary>The <see cref="OpForward"/> classes of this assembly, by domain and op type.</summary>
internal static class OpForwards
{
    private static readonly FrozenDictionary<(string Domain, string OpType), OpForward> All = Discover();

    /// <summary>The forward of <paramref name="opType"/> in <paramref name="domain"/>, or null when there is none.</summary>
    public static OpForward? Find(string domain, string opType) => All.GetValueOrDefault((Normalize(domain), opType));

    /// <summary>Every supported op type, sorted (non-default domains as <c>domain:op</c>).</summary>
    public static IEnumerable<string> Names =>
        All.Keys.Select(k => k.Domain.Length == 0 ? k.OpType : $"{k.Domain}:{k.OpType}").Order(StringComparer.Ordinal);

    private static string Normalize(string domain) => domain == "ai.onnx" ? "" : domain;

    private static FrozenDictionary<(string, string), OpForward> Discover()
    {
        var map = new Dictionary<(string, string), OpForward>();
        foreach (var type in typeof(OpForward).Assembly.GetTypes())
        {
            if (type.IsAbstract || !type.IsSubclassOf(typeof(OpForward))) continue;
            var forward = (OpForward)Activator.CreateInstance(type, nonPublic: true)!;
            foreach (var op in forward.OpTypes)
                if (!map.TryAdd((Normalize(forward.Domain), op), forward))
                    throw new InvalidOperationException($"op {op} has two forwards: {map[(forward.Domain, op)].GetType().Name} and {type.Name}");
        }
        return map.ToFrozenDictionary();
    }
}
