namespace Lighten.Core;

/// <summary>One dimension of a shape: a known size, a named symbol (such as a dynamic batch), or unknown.</summary>
public readonly record struct Dim
{
    private Dim(long? value, string? symbol)
    {
        Value = value;
        Symbol = symbol;
    }

    /// <summary>The size, when known.</summary>
    public long? Value { get; }

    /// <summary>The symbol's name, for a symbolic dimension.</summary>
    public string? Symbol { get; }

    /// <summary>Whether the size is known.</summary>
    public bool IsKnown => Value.HasValue;

    /// <summary>An unknown dimension without a name.</summary>
    public static Dim Unknown => default;

    /// <summary>A known size.</summary>
    public static Dim Of(long value) => new(value, null);

    /// <summary>A named symbolic dimension.</summary>
    public static Dim Sym(string symbol) => new(null, symbol);

    /// <summary>Lets a known size stand where a dimension is expected.</summary>
    public static implicit operator Dim(long value) => Of(value);

    /// <inheritdoc/>
    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Symbol ?? "?";
}
