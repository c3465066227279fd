using System.Globalization;

namespace Lighten.Core;

/// <summary>Fixes the dimensions of graph inputs, from <c>--input-shape NAME=1x3x224x224</c> or from one value for every free dimension.</summary>
public static class InputShapes
{
    /// <summary>Parses <c>NAME=1x3x224x224</c>; throws <see cref="OptionException"/> naming what is wrong.</summary>
    public static (string Name, long[] Dims) Parse(string spec)
    {
        int eq = spec.LastIndexOf('=');
        if (eq < 0) throw Bad(spec, "it has no '='");
        var name = spec[..eq].Trim();
        if (name.Length == 0) throw Bad(spec, "the input name before '=' is empty");
        var text = spec[(eq + 1)..].Trim();
        if (text.Length == 0) throw Bad(spec, "no dimensions follow '='");
        var parts = text.Split('x', 'X');
        var dims = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]) || dims[i] <= 0)
                throw Bad(spec, $"dimension {i} ('{parts[i]}') is not a positive integer");
        }
        return (name, dims);
    }

    /// <summary>
    /// Sets the dimensions of the named graph inputs; a symbol bound this way is replaced by its value
    /// everywhere it is declared. With <paramref name="keepSymbolicBatch"/> a symbolic batch (dimension 0) given as 1
    /// stays symbolic, so that a model written after a transform still takes any batch (analyses take it as 1, see
    /// <see cref="BindBatch"/>). Throws
    /// <see cref="OptionException"/> for a name that is not a graph input, a rank that differs, or a known dimension
    /// that conflicts.
    /// </summary>
    public static Graph Apply(Graph g, IReadOnlyDictionary<string, long[]> shapes, bool keepSymbolicBatch = false)
    {
        var bindings = new Dictionary<string, long>(StringComparer.Ordinal);
        var inputs = g.Inputs.ToArray();
        foreach (var (name, dims) in shapes)
        {
            int k = Array.FindIndex(inputs, i => i.Name == name);
            if (k < 0)
                throw new OptionException($"{OptionKey.Ref(OptionKey.InputShape)} names '{name}', which is not a graph input (inputs: {string.Join(", ", g.Inputs.Select(i => i.Name))})");
            var old = inputs[k].Shape;
            if (old is not null && old.Rank != dims.Length)
                throw new OptionException($"{OptionKey.Ref(OptionKey.InputShape)} gives '{name}' rank {dims.Length} ({string.Join("x", dims)}) but the model declares rank {old.Rank} ({old})");
            for (int d = 0; old is not null && d < dims.Length; d++)
            {
                if (old[d].Value is long known && known != dims[d])
                    throw new OptionException($"{OptionKey.Ref(OptionKey.InputShape)} gives '{name}' dimension {d} = {dims[d]} but the model fixes it to {known} ({old})");
                if (old[d].Symbol is { } sym && !(keepSymbolicBatch && KeepsBatch(old, d, dims[d]))) Bind(bindings, sym, dims[d]);
            }
            inputs[k] = inputs[k] with { Shape = new TensorShape(dims.Select((v, d) => keepSymbolicBatch && old is not null && KeepsBatch(old, d, v) ? old[d] : Dim.Of(v))) };
        }
        return Substitute(g with { Inputs = [.. inputs] }, bindings);
    }

    /// <summary>Replaces every symbolic or unknown dimension of the graph inputs by <paramref name="value"/> (for example a batch of 1).</summary>
    public static Graph BindSymbols(Graph g, long value)
    {
        if (value <= 0) throw new OptionException($"a dimension must be positive, got {value}");
        return BindWhere(g, value, (_, _) => true);
    }

    /// <summary>
    /// Takes a symbolic or unknown batch (dimension 0 of every input) as <paramref name="batch"/> and leaves every
    /// other free dimension as it is: shape inference carries those through, and what needs them asks for them with
    /// <see cref="RequireFixed"/>.
    /// </summary>
    public static Graph BindBatch(Graph g, long batch = 1)
    {
        if (batch <= 0) throw new OptionException($"a batch must be positive, got {batch}");
        return BindWhere(g, batch, (_, d) => d == 0);
    }

    /// <summary>
    /// <see cref="BindBatch"/> (at <paramref name="batch"/>), then throws <see cref="OptionException"/> when an input still has a free dimension:
    /// <paramref name="purpose"/> ("counting MACs", "sizing the adapters") needs concrete sizes, and taking a symbolic
    /// height or width as 1 gives wrong shapes (a 2x2 pooling window larger than its input). The message names the input,
    /// its dimensions and the fix.
    /// </summary>
    public static Graph RequireFixed(Graph g, string purpose, long batch = 1)
    {
        var bound = BindBatch(g, batch);
        var free = bound.Inputs.FirstOrDefault(i => i.Shape is null || !i.Shape.IsFullyKnown);
        if (free is null) return bound;
        var original = g.Inputs.First(i => i.Name == free.Name);
        string example = free.Shape is null ? "1x3x224x224"
            : string.Join("x", free.Shape.Dims.Select((d, k) => d.Value?.ToString(CultureInfo.InvariantCulture) ?? (free.Shape.Rank == 4 ? (k == 2 ? "H" : k == 3 ? "W" : "C") : "D" + k)));
        return free.Shape is null
            ? throw new OptionException($"input '{free.Name}' has no declared shape and {purpose} needs one: give it with {OptionKey.Ref(OptionKey.InputShape)} {free.Name}=DIMS (for example {free.Name}={example})")
            : throw new OptionException($"input '{free.Name}' is {Describe(original.Shape)}: {purpose} needs its symbolic dimensions fixed, "
                + $"and they are never taken as 1; give them with {OptionKey.Ref(OptionKey.InputShape)} {free.Name}={example}");
    }

    /// <summary>A shape as <c>N×3×?×?</c>.</summary>
    private static string Describe(TensorShape? shape) =>
        shape is null ? "of unknown rank" : string.Join("×", shape.Dims.Select(d => d.Value?.ToString(CultureInfo.InvariantCulture) ?? d.Symbol ?? "?"));

    private static bool KeepsBatch(TensorShape old, int d, long value) => d == 0 && old.Rank > 1 && !old[0].IsKnown && value == 1;

    private static Graph BindWhere(Graph g, long value, Func<ValueInfo, int, bool> where)
    {
        var bindings = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var input in g.Inputs)
            for (int d = 0; d < (input.Shape?.Rank ?? 0); d++)
                if (input.Shape![d].Symbol is { } sym && where(input, d)) bindings.TryAdd(sym, value);
        var inputs = g.Inputs.Select(i => i.Shape is null ? i
            : i with { Shape = new TensorShape(i.Shape.Dims.Select((d, k) => d.IsKnown || !where(i, k) ? d : Dim.Of(value))) });
        return Substitute(g with { Inputs = [.. inputs] }, bindings);
    }

    private static void Bind(Dictionary<string, long> bindings, string symbol, long value)
    {
        if (bindings.TryGetValue(symbol, out var other) && other != value)
            throw new OptionException($"{OptionKey.Ref(OptionKey.InputShape)} binds the symbolic dimension '{symbol}' to both {other} and {value}");
        bindings[symbol] = value;
    }

    /// <summary>Replaces bound symbols in every declared shape (inputs, outputs, value infos).</summary>
    private static Graph Substitute(Graph g, Dictionary<string, long> bindings)
    {
        if (bindings.Count == 0) return g;
        ValueInfo Sub(ValueInfo v) => v.Shape is null ? v
            : v with { Shape = new TensorShape(v.Shape.Dims.Select(d => d.Symbol is { } s && bindings.TryGetValue(s, out var x) ? Dim.Of(x) : d)) };
        return g with
        {
            Inputs = [.. g.Inputs.Select(Sub)],
            Outputs = [.. g.Outputs.Select(Sub)],
            ValueInfos = g.ValueInfos.SetItems(g.ValueInfos.Select(kv => KeyValuePair.Create(kv.Key, Sub(kv.Value)))),
        };
    }

    private static OptionException Bad(string spec, string why) =>
        new($"{OptionKey.Ref(OptionKey.InputShape)} '{spec}' is not NAME=DIMS like input=1x3x224x224: {why}");
}
