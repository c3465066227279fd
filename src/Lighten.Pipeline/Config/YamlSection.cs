using System.Globalization;
using Lighten.Core.IO;
using YamlDotNet.RepresentationModel;

namespace Lighten.Pipeline.Config;

/// <summary>
/// One mapping of a pipeline file, read with the line of every key at hand: an unknown key, a wrong type or a value
/// outside its allowed set is reported with its line and what is allowed.
/// </summary>
internal sealed class YamlSection
{
    private readonly YamlMappingNode _node;
    private readonly string? _file;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    private YamlSection(string path, YamlMappingNode node, string? file, IReadOnlyCollection<string> allowed)
    {
        Path = path;
        _node = node;
        _file = file;
        foreach (var (k, v) in node.Children)
        {
            if (k is not YamlScalarNode { Value: { } name } key) throw Error(k, "keys must be plain names");
            if (!allowed.Contains(name))
                throw Error(k, $"unknown key '{name}' in {Where} (allowed: {string.Join(", ", allowed)})");
            _entries[name] = (key, v);
        }
    }

    /// <summary>The dotted path of this mapping ("" for the root).</summary>
    public string Path { get; }

    private string Where => Path.Length == 0 ? "the pipeline" : $"'{Path}'";

    /// <summary>Parses <paramref name="text"/> and returns its root mapping.</summary>
    public static YamlSection Root(string text, string? file, IReadOnlyCollection<string> allowed)
    {
        var root = YamlText.Load(text, error => new PipelineConfigException($"line {error.Line}: malformed YAML: {error.Message}", file));
        return root is YamlMappingNode map
            ? new YamlSection("", map, file, allowed)
            : throw new PipelineConfigException($"a pipeline file is a mapping of keys ({string.Join(", ", allowed)})", file);
    }

    /// <summary>Whether the key is present.</summary>
    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>A nested mapping, or null when the key is absent.</summary>
    public YamlSection? Section(string key, IReadOnlyCollection<string> allowed)
    {
        if (!_entries.TryGetValue(key, out var e)) return null;
        if (YamlText.IsNull(e.Value)) return new YamlSection(Child(key), new YamlMappingNode(), _file, allowed);
        return e.Value is YamlMappingNode map
            ? new YamlSection(Child(key), map, _file, allowed)
            : throw Error(e.Key, $"'{Child(key)}' must hold a mapping of keys ({string.Join(", ", allowed)})");
    }

    /// <summary>A nested mapping that must be present.</summary>
    public YamlSection RequiredSection(string key, IReadOnlyCollection<string> allowed) =>
        Section(key, allowed) ?? throw Missing(key, $"a mapping of keys ({string.Join(", ", allowed)})");

    /// <summary>A text value, or null; with <paramref name="choices"/> it must be one of them.</summary>
    public string? String(string key, IReadOnlyCollection<string>? choices = null)
    {
        if (!_entries.TryGetValue(key, out var e)) return null;
        var text = Scalar(key, e);
        if (choices is not null && !choices.Contains(text))
            throw Error(e.Value, $"'{Child(key)}' is '{text}'; allowed values: {string.Join(", ", choices)}");
        return text;
    }

    /// <summary>A text value that must be present.</summary>
    public string RequiredString(string key, string what, IReadOnlyCollection<string>? choices = null) =>
        String(key, choices) ?? throw Missing(key, choices is null ? what : $"one of {string.Join(", ", choices)}");

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>], or null.</summary>
    public double? Number(string key, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!_entries.TryGetValue(key, out var e)) return null;
        var text = Scalar(key, e);
        if (!YamlText.TryNumber(text, out var v))
            throw Error(e.Value, $"'{Child(key)}' must be a number, got '{text}'");
        if (v < min || v > max)
            throw Error(e.Value, $"'{Child(key)}' must lie in [{Format(min)}, {Format(max)}], got {text}");
        return v;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or null.</summary>
    public int? Integer(string key, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!_entries.TryGetValue(key, out var e)) return null;
        var text = Scalar(key, e);
        if (!YamlText.TryInteger(text, out var v))
            throw Error(e.Value, $"'{Child(key)}' must be a whole number, got '{text}'");
        if (v < min || v > max)
            throw Error(e.Value, $"'{Child(key)}' must lie in [{min}, {max}], got {v}");
        return v;
    }

    /// <summary>true/false (a YAML boolean, <see cref="YamlText.Flag"/>), or null.</summary>
    public bool? Flag(string key)
    {
        if (!_entries.TryGetValue(key, out var e)) return null;
        var text = Scalar(key, e);
        return YamlText.Flag(text) ?? throw Error(e.Value, $"'{Child(key)}' is '{text}'; allowed values: true, false, yes, no");
    }

    /// <summary>A list of text values (a YAML sequence, or one value), or null.</summary>
    public IReadOnlyList<string>? List(string key, IReadOnlyCollection<string>? choices = null)
    {
        if (!_entries.TryGetValue(key, out var e)) return null;
        var items = e.Value switch
        {
            YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode { Value: { } v } ? (c, v) : throw Error(c, $"'{Child(key)}' must list plain values")).ToList(),
            YamlScalarNode { Value: { } v } => [(e.Value, v)],
            _ => throw Error(e.Value, $"'{Child(key)}' must be a list of values"),
        };
        foreach (var (node, v) in items)
            if (choices is not null && !choices.Contains(v))
                throw Error(node, $"'{Child(key)}' lists '{v}'; allowed values: {string.Join(", ", choices)}");
        return [.. items.Select(i => i.v)];
    }

    /// <summary>A list of numbers in [<paramref name="min"/>, <paramref name="max"/>] (a YAML sequence, or one value), or null.</summary>
    public IReadOnlyList<double>? Numbers(string key, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!_entries.TryGetValue(key, out var e)) return null;
        IEnumerable<YamlNode> items = e.Value is YamlSequenceNode seq ? seq.Children : [e.Value];
        var values = new List<double>();
        foreach (var node in items)
        {
            if (node is not YamlScalarNode { Value: { } text } || !YamlText.TryNumber(text, out var v))
                throw Error(node, $"'{Child(key)}' must list numbers, got '{(node as YamlScalarNode)?.Value ?? node.ToString()}'");
            if (v < min || v > max)
                throw Error(node, $"'{Child(key)}' must list numbers in [{Format(min)}, {Format(max)}], got {text}");
            values.Add(v);
        }
        return values;
    }

    /// <summary>An error at the line of <paramref name="key"/> (or of this mapping when absent).</summary>
    public PipelineConfigException ErrorAt(string key, string message) =>
        Error(_entries.TryGetValue(key, out var e) ? e.Key : _node, message);

    private string Scalar(string key, (YamlScalarNode Key, YamlNode Value) e) =>
        e.Value is YamlScalarNode { Value: { } v } ? v : throw Error(e.Value, $"'{Child(key)}' must be a single value");

    private PipelineConfigException Missing(string key, string what) =>
        Error(_node, $"missing key '{Child(key)}': {what}");

    private string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    private PipelineConfigException Error(YamlNode node, string message) =>
        new($"line {Math.Max(1, node.Start.Line)}: {message}", _file);

    private static string Format(double v) => v is double.MinValue or double.MaxValue ? (v < 0 ? "-inf" : "inf") : v.ToString(CultureInfo.InvariantCulture);
}
