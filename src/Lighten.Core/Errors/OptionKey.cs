using System.Text.RegularExpressions;

namespace Lighten.Core;

/// <summary>
/// The options Lighten's library errors name. A message holds an option as a placeholder (<see cref="Ref"/>), and each
/// front end spells it its own way when it prints the error (<see cref="LightenException.Describe"/>): the CLI as its
/// flag (<c>--layers</c>), the pipeline as its YAML key (<c>steps.g2.layers</c>).
/// </summary>
public static partial class OptionKey
{
    /// <summary>The input shapes that fix a model's free dimensions (<c>InputShapes</c> of the preparation and selection options).</summary>
    public const string InputShape = "input-shape";

    /// <summary>The layers to factorize (<c>LayerSelectionOptions.Layers</c>).</summary>
    public const string Layers = "layers";

    /// <summary>The nodes pruning leaves alone (<c>Exclude</c> of the pruning options).</summary>
    public const string Exclude = "exclude";

    /// <summary>The tensor where the backbone ends (<c>BackboneSwapOptions.Cut</c>).</summary>
    public const string Cut = "cut";

    /// <summary>Grafting without a spatial adapter (<c>Adapter</c> off).</summary>
    public const string NoAdapter = "no-adapter";

    /// <summary>The preprocessing's input size (<c>Preprocess.Width</c>×<c>Preprocess.Height</c>).</summary>
    public const string Size = "size";

    /// <summary>Training's mixed precision.</summary>
    public const string MixedPrecision = "mixed-precision";

    /// <summary>Resuming a pipeline from its journal.</summary>
    public const string Resume = "resume";

    /// <summary>A pipeline's output folder.</summary>
    public const string Output = "out";

    /// <summary>The placeholder that stands for <paramref name="key"/> in a message.</summary>
    public static string Ref(string key) => $"{{option:{key}}}";

    /// <summary>
    /// <paramref name="text"/> with every placeholder spelled by <paramref name="name"/>; a key it does not know (or
    /// every key, without it) reads <c>option 'KEY'</c>.
    /// </summary>
    public static string Render(string text, Func<string, string?>? name = null) =>
        text.Contains("{option:", StringComparison.Ordinal)
            ? Placeholder().Replace(text, m => name?.Invoke(m.Groups[1].Value) ?? $"option '{m.Groups[1].Value}'")
            : text;

    [GeneratedRegex(@"\{option:([a-z0-9-]+)\}")]
    private static partial Regex Placeholder();
}
