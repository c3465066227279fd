using Lighten.Core;
using Lighten.Core.IO;
using YamlDotNet.RepresentationModel;

namespace Lighten.Data.Imaging;

/// <summary>Reads and writes the YAML form of <see cref="Preprocess"/>, accepting the same values as the flags.</summary>
internal static class PreprocessYaml
{
    private static readonly string[] Keys = ["size", "resize", "bgr", "scale", "mean", "std"];

    public static Preprocess Read(string yaml, Preprocess? defaults)
    {
        var root = Parse(yaml);
        if (root.Children.Count == 1 && Scalar(root.Children.Keys.Single()) == "preprocess")
        {
            root = root.Children.Values.Single() as YamlMappingNode
                ?? throw new OptionException("preprocessing YAML: key 'preprocess' must hold a mapping");
        }

        var values = new Dictionary<string, string>();
        foreach (var (keyNode, valueNode) in root.Children)
        {
            string key = Scalar(keyNode) ?? throw new OptionException("preprocessing YAML: keys must be plain names");
            if (!Keys.Contains(key))
                throw new OptionException($"preprocessing YAML: unknown key '{key}' (expected {string.Join(", ", Keys)})");
            values[key] = Text(key, valueNode);
        }

        bool? bgr = values.TryGetValue("bgr", out var b) ? ParseBool(b) : null;
        var text = new PreprocessText(Get(values, "size"), Get(values, "resize"), bgr, Get(values, "scale"), Get(values, "mean"), Get(values, "std"));
        return PreprocessParser.Build(text, defaults, name => $"preprocessing YAML: key '{name}'", "for example size: 224x160");
    }

    public static string Write(Preprocess spec) =>
        $"""
        size: {spec.Width}x{spec.Height}
        resize: {spec.Resize.ToString().ToLowerInvariant()}
        bgr: {(spec.Bgr ? "true" : "false")}
        scale: {Preprocess.Format(spec.Scale)}
        mean: [{Preprocess.List(spec.Mean)}]
        std: [{Preprocess.List(spec.Std)}]

        """;

    private static YamlMappingNode Parse(string yaml)
    {
        var root = YamlText.Load(yaml, error => new OptionException($"preprocessing YAML is malformed at line {error.Line}: {error.Message}"));
        return root as YamlMappingNode
            ?? throw new OptionException("preprocessing YAML must be a mapping of keys (size, resize, bgr, scale, mean, std)");
    }

    private static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;

    // Sequences become the flag syntax: [224, 160] -> "224x160", [0.5, 0.5, 0.5] -> "0.5,0.5,0.5".
    private static string Text(string key, YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? "",
        YamlSequenceNode seq when seq.Children.All(c => c is YamlScalarNode) =>
            string.Join(key == "size" ? "x" : ",", seq.Children.Select(c => Scalar(c))),
        _ => throw new OptionException($"preprocessing YAML: key '{key}' must be a value or a list of values"),
    };

    private static bool ParseBool(string text) =>
        YamlText.Flag(text) ?? throw new OptionException($"preprocessing YAML: key 'bgr': expected true or false, got '{text}'");

    private static string? Get(Dictionary<string, string> values, string key) => values.TryGetValue(key, out var v) ? v : null;
}
