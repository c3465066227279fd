using System.Collections.Immutable;

namespace Lighten.Core.Ops;

/// <summary>
/// Elementwise integer arithmetic on partially known vectors (shape values), so that computed dimensions
/// such as ShuffleNetV2's <c>channels / 2</c> stay known. Unknown operands give unknown results, except
/// where an identity keeps a symbol (<c>x + 0</c>, <c>x * 1</c>, <c>x / 1</c>).
/// </summary>
public static class ShapeValueArithmetic
{
    /// <summary>The ops this class computes.</summary>
    public static IReadOnlySet<string> Ops { get; } = new HashSet<string>(
        ["Add", "Sub", "Mul", "Div", "Mod", "Max", "Min", "Sum", "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual"],
        StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="op"/> applied elementwise across <paramref name="values"/> (left to right for variadic ops),
    /// broadcasting length-1 vectors; null for another op or for lengths that do not broadcast.
    /// </summary>
    public static ImmutableArray<Dim>? Apply(string op, IReadOnlyList<ImmutableArray<Dim>> values)
    {
        if (!Ops.Contains(op) || values.Count == 0) return null;
        var acc = values[0];
        for (int k = 1; k < values.Count; k++)
        {
            var b = values[k];
            int n = Math.Max(acc.Length, b.Length);
            if ((acc.Length != n && acc.Length != 1) || (b.Length != n && b.Length != 1)) return null;
            var next = new Dim[n];
            for (int i = 0; i < n; i++) next[i] = One(op, acc[acc.Length == 1 ? 0 : i], b[b.Length == 1 ? 0 : i]);
            acc = [.. next];
        }
        return acc;
    }

    private static Dim One(string op, Dim x, Dim y)
    {
        if (x.Value is long a && y.Value is long b) return Known(op, a, b);
        return (op, x.Value, y.Value) switch
        {
            ("Add" or "Sum", _, 0) or ("Sub", _, 0) or ("Mul", _, 1) or ("Div", _, 1) => x,
            ("Add" or "Sum", 0, _) or ("Mul", 1, _) => y,
            ("Equal", _, _) when x.Symbol is not null && x.Symbol == y.Symbol => Dim.Of(1),
            _ => Dim.Unknown,
        };
    }

    private static Dim Known(string op, long a, long b) => op switch
    {
        "Add" or "Sum" => a + b,
        "Sub" => a - b,
        "Mul" => a * b,
        "Div" => b == 0 ? Dim.Unknown : a / b,
        "Mod" => b == 0 ? Dim.Unknown : ((a % b) + b) % b,
        "Max" => Math.Max(a, b),
        "Min" => Math.Min(a, b),
        "Equal" => a == b ? 1 : 0,
        "Less" => a < b ? 1 : 0,
        "Greater" => a > b ? 1 : 0,
        "LessOrEqual" => a <= b ? 1 : 0,
        _ => a >= b ? 1 : 0,
    };
}
