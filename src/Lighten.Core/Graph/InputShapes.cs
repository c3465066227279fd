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
    /// everywhere it is declared. Throws <see cref="OptionException"/> for a name that is not a graph input,
    /// a rank that differs, or a known dimension that conflicts.
    /// </summary>
    public static Graph Apply(Graph g, IReadOnlyDictionary<string, long[]> shapes)
    {
        var bindings = new Dictionary<string, long>(StringComparer.Ordinal);
        var inputs = g.Inputs.ToArray();
        foreach (var (name, dims) in shapes)
        {
            int k = Array.FindIndex(inputs, i => i.Name == name);
            if (k < 0)
                throw new OptionException($"--input-shape names '{name}', which is not a graph input (inputs: {string.Join(", ", g.Inputs.Select(i => i.Name))})");
            var old = inputs[k].Shape;
            if (old is not null && old.Rank != dims.Length)
                throw new OptionException($"--input-shape gives '{name}' rank {dims.Length} ({string.Join("x", dims)}) but the model declares rank {old.Rank} ({old})");
            for (int d = 0; old is not null && d < dims.Length; d++)
            {
                if (old[d].Value is long known && known != dims[d])
                    throw new OptionException($"--input-shape gives '{name}' dimension {d} = {dims[d]} but the model fixes it to {known} ({old})");
                if (old[d].Symbol is { } sym) Bind(bindings, sym, dims[d]);
            }
            inputs[k] = inputs[k] with { Shape = new TensorShape(dims) };
        }
        return Substitute(g with { Inputs = [.. inputs] }, bindings);
    }

    /// <summary>Replaces every symbolic or unknown dimension of the graph inputs by <paramref name="value"/> (for example a batch of 1).</summary>
    public static Graph BindSymbols(Graph g, long value)
    {
        if (value <= 0) throw new OptionException($"a dimension must be positive, got {value}");
        var bindings = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var input in g.Inputs)
            foreach (var d in input.Shape?.Dims ?? [])
                if (d.Symbol is { } sym) bindings.TryAdd(sym, value);
        var inputs = g.Inputs.Select(i => i.Shape is null ? i : i with { Shape = new TensorShape(i.Shape.Dims.Select(d => d.IsKnown ? d : Dim.Of(value))) });
        return Substitute(g with { Inputs = [.. inputs] }, bindings);
    }

    private static void Bind(Dictionary<string, long> bindings, string symbol, long value)
    {
        if (bindings.TryGetValue(symbol, out var other) && other != value)
            throw new OptionException($"--input-shape binds the symbolic dimension '{symbol}' to both {other} and {value}");
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
        new($"--input-shape '{spec}' is not NAME=DIMS like input=1x3x224x224: {why}");
}
