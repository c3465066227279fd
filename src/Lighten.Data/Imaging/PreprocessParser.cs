using System.Globalization;
using Lighten.Core;

namespace Lighten.Data.Imaging;

/// <summary>The textual preprocessing settings of one source (flags or YAML); null means "not given".</summary>
internal sealed record PreprocessText(string? Size, string? Resize, bool? Bgr, string? Scale, string? Mean, string? Std);

/// <summary>
/// Turns textual settings into a <see cref="Preprocess"/>, shared by the command-line flags and YAML so both accept
/// the same values; <c>label</c> names a setting in errors (<c>--size</c> or <c>key 'size'</c>).
/// </summary>
internal static class PreprocessParser
{
    public static Preprocess Build(PreprocessText text, Preprocess? defaults, Func<string, string> label, string missingSizeHint)
    {
        Preprocess spec;
        if (text.Size is not null)
        {
            var (w, h) = Apply(label("size"), () => ParseSize(text.Size));
            spec = defaults is null ? new Preprocess(w, h) : defaults with { Width = w, Height = h };
        }
        else
        {
            spec = defaults ?? throw new OptionException($"{label("size")} is required ({missingSizeHint})");
        }

        if (text.Resize is not null) spec = spec with { Resize = Apply(label("resize"), () => ParseResize(text.Resize)) };
        if (text.Bgr is bool bgr) spec = spec with { Bgr = bgr };
        if (text.Scale is not null) spec = Apply(label("scale"), () => spec with { Scale = ParseScale(text.Scale) });
        if (text.Mean is not null) spec = Apply(label("mean"), () => spec with { Mean = ParseTriple(text.Mean) });
        if (text.Std is not null) spec = Apply(label("std"), () => spec with { Std = ParseTriple(text.Std) });
        return spec;
    }

    private static T Apply<T>(string setting, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException e)
        {
            throw new OptionException($"{setting}: {e.Message}");
        }
    }

    /// <summary>"224" (square) or "224x160" (width x height).</summary>
    private static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.Trim().Split('x', 'X');
        if (parts.Length is < 1 or > 2 || !parts.All(IsPositiveInt))
            throw new ArgumentException($"expected a size such as 224 or 224x160 (width x height), got '{text}'");
        int width = int.Parse(parts[0], CultureInfo.InvariantCulture);
        return (width, parts.Length == 1 ? width : int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static bool IsPositiveInt(string s) =>
        int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0;

    private static ResizeMode ParseResize(string text) => text.Trim().ToLowerInvariant() switch
    {
        "stretch" => ResizeMode.Stretch,
        "letterbox" => ResizeMode.Letterbox,
        "crop" => ResizeMode.Crop,
        _ => throw new ArgumentException($"expected stretch, letterbox or crop, got '{text}'"),
    };

    /// <summary>A number such as 0.00392, or a fraction such as 1/255.</summary>
    private static float ParseScale(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && TryNumber(parts[0], out float n) && TryNumber(parts[1], out float d) && d != 0) return n / d;
        if (parts.Length == 1 && TryNumber(parts[0], out float v)) return v;
        throw new ArgumentException($"expected a number such as 0.00392 or 1/255, got '{text}'");
    }

    /// <summary>Three comma-separated numbers (R, G, B), or one number for all channels.</summary>
    private static float[] ParseTriple(string text)
    {
        var parts = text.Split(',');
        var values = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!TryNumber(parts[i], out values[i]))
                throw new ArgumentException($"expected 3 comma-separated numbers such as 0.485,0.456,0.406, got '{text}'");
        }
        return values.Length == 1 ? [values[0], values[0], values[0]] : values;
    }

    private static bool TryNumber(string s, out float value) =>
        float.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);
}
