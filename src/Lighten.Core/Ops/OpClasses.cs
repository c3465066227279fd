using System.Collections.Frozen;

namespace Lighten.Core.Ops;

/// <summary>
/// Finds the per-op classes of one kind (quantizers, channel rules, constant kernels, opset adapters) in this assembly
/// and keys one instance of each by the default-domain op types it handles: adding an op is adding one class.
/// </summary>
internal static class OpClasses
{
    /// <summary>One instance of every concrete subclass of <typeparamref name="T"/>, by each of its <paramref name="opTypes"/>; two classes for one op type throw, naming both as <paramref name="what"/>.</summary>
    public static FrozenDictionary<string, T> Discover<T>(Func<T, IEnumerable<string>> opTypes, string what) where T : class
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var type in typeof(T).Assembly.GetTypes())
        {
            if (type.IsAbstract || !type.IsSubclassOf(typeof(T))) continue;
            var instance = (T)Activator.CreateInstance(type, nonPublic: true)!;
            foreach (var op in opTypes(instance))
                if (!map.TryAdd(op, instance))
                    throw new InvalidOperationException($"op {op} has two {what}: {map[op].GetType().Name} and {type.Name}");
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
