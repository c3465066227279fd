using System.Collections.Immutable;
using Lighten.Core.IO;
using YamlDotNet.RepresentationModel;

namespace Lighten.Core.Targets;

/// <summary>Reads one profile from YAML, naming the file, the key and the line of anything wrong.</summary>
internal sealed class ProfileYamlReader(string file)
{
    private const double BytesPerGiB = 1024.0 * 1024 * 1024;
    private const double BytesPerMiB = 1024.0 * 1024;

    public TargetProfile Read(TextReader text)
    {
        var root = LoadRoot(text);
        CheckKeys(root, null, ProfileYamlKeys.Profile);
        var peak = Peak(root);
        return new TargetProfile
        {
            Name = Name(root),
            Description = Scalar(root, null, "description")?.Value ?? "",
            Cores = (int)(Number(root, null, "cores", min: 1, integer: true) ?? 0),
            GpuCores = (int)(Number(root, null, "gpuCores", min: 1, integer: true) ?? 0),
            ClockGHz = Number(root, null, "clockGHz", min: double.Epsilon) ?? 0,
            PeakGops = peak,
            BandwidthGBps = Number(root, null, "bandwidthGBps", min: double.Epsilon) ?? throw Missing("bandwidthGBps"),
            CacheBytes = (long)((Number(root, null, "cacheMiB", min: double.Epsilon) ?? 0) * BytesPerMiB),
            CacheBandwidthGBps = CacheBandwidth(root),
            RamBytes = (long)((Number(root, null, "ramGiB", min: double.Epsilon) ?? throw Missing("ramGiB")) * BytesPerGiB),
            Ops = Ops(root, peak),
            SparseWeightsFaster = Bool(root, "sparseWeightsFaster") ?? false,
            Efficiency = EfficiencyFactors(root),
            PrecisionEfficiency = PrecisionEfficiency(root, peak),
            HalfEfficiencyDepth = Number(root, null, "halfEfficiencyDepth", min: 0) ?? 0,
            LayerOverheadUs = Number(root, null, "layerOverheadUs", min: 0) ?? 0,
            Sources = Sources(root),
        };
    }

    private YamlMappingNode LoadRoot(TextReader text)
    {
        var root = YamlText.Load(text.ReadToEnd(), error => new TargetProfileException($"not valid YAML: {error.Detail}", file, line: error.Line, inner: error.Exception))
            ?? throw new TargetProfileException("the file is empty", file);
        return root as YamlMappingNode
            ?? throw new TargetProfileException("a profile is a YAML mapping of keys (name, peak, bandwidthGBps, ramGiB, ...)", file, line: root.Start.Line);
    }

    private string Name(YamlMappingNode root)
    {
        var node = Scalar(root, null, "name") ?? throw Missing("name");
        var name = node.Value ?? "";
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw Error("name", node, $"'{name}' is not a valid name: use letters, digits, '-', '_' and '.'");
        return name;
    }

    // The cache and its bandwidth come together: one without the other cannot be used.
    private double CacheBandwidth(YamlMappingNode root)
    {
        var bandwidth = Number(root, null, "cacheBandwidthGBps", min: double.Epsilon);
        bool hasCache = Child(root, "cacheMiB") is not null;
        if (hasCache && bandwidth is null) throw Missing("cacheBandwidthGBps", "a profile with cacheMiB needs it");
        if (!hasCache && bandwidth is not null) throw Missing("cacheMiB", "a profile with cacheBandwidthGBps needs it");
        return bandwidth ?? 0;
    }

    private ImmutableSortedDictionary<Precision, double> Peak(YamlMappingNode root)
    {
        var map = Mapping(root, null, "peak") ?? throw Missing("peak");
        var peak = ImmutableSortedDictionary.CreateBuilder<Precision, double>();
        foreach (var (key, _) in Entries(map, "peak"))
            peak[ParsePrecision("peak", key)] = Number(map, "peak", key.Value!, min: double.Epsilon)
                ?? throw Error($"peak.{key.Value}", key, "expected a number (leave a precision out when the target cannot run it)");
        if (peak.Count == 0) throw Error("peak", map, "give the peak throughput of at least one precision (fp32, fp16, int8)");
        return peak.ToImmutable();
    }

    private ImmutableSortedDictionary<Precision, OpSupport> Ops(YamlMappingNode root, ImmutableSortedDictionary<Precision, double> peak)
    {
        var ops = peak.Keys.ToImmutableSortedDictionary(p => p, _ => OpSupport.All);
        if (Mapping(root, null, "ops") is not { } map) return ops;
        foreach (var (key, value) in Entries(map, "ops"))
        {
            var precision = ParsePrecision("ops", key);
            var path = $"ops.{key.Value}";
            if (!peak.ContainsKey(precision))
                throw Error(path, key, $"the profile has no peak.{key.Value}, so it runs no {key.Value} op; give peak.{key.Value} or remove this key");
            ops = ops.SetItem(precision, OpList(path, value));
        }
        return ops;
    }

    private OpSupport OpList(string path, YamlNode node) => node switch
    {
        YamlScalarNode { Value: "all" } => OpSupport.All,
        YamlScalarNode { Value: "none" } => OpSupport.None,
        YamlSequenceNode seq => OpSupport.Only(OpNames(path, seq)),
        YamlMappingNode map when map.Children.Count == 1 && Child(map, "allExcept") is YamlSequenceNode except =>
            OpSupport.AllExcept(OpNames(path + ".allExcept", except)),
        _ => throw Error(path, node, "expected 'all', 'none', a list of op types, or 'allExcept: [op types]'"),
    };

    private IEnumerable<string> OpNames(string path, YamlSequenceNode seq) => seq.Children.Select(item =>
    {
        var op = (item as YamlScalarNode)?.Value;
        if (string.IsNullOrEmpty(op)) throw Error(path, item, "expected an op type such as Conv");
        if (!OpSupport.IsKnown(op)) throw Error(path, item, $"'{op}' is not an ONNX op type Lighten knows");
        return op;
    });

    private ImmutableSortedDictionary<OpClass, double> EfficiencyFactors(YamlMappingNode root) =>
        Mapping(root, null, "efficiency") is { } map ? Factors(map, "efficiency", allowPrecisions: true) : ImmutableSortedDictionary<OpClass, double>.Empty;

    private ImmutableSortedDictionary<Precision, ImmutableSortedDictionary<OpClass, double>> PrecisionEfficiency(
        YamlMappingNode root, ImmutableSortedDictionary<Precision, double> peak)
    {
        var result = ImmutableSortedDictionary<Precision, ImmutableSortedDictionary<OpClass, double>>.Empty;
        if (Mapping(root, null, "efficiency") is not { } map) return result;
        foreach (var (key, value) in Entries(map, "efficiency"))
        {
            if (Precisions.Parse(key.Value!) is not Precision p) continue;
            var path = $"efficiency.{key.Value}";
            if (!peak.ContainsKey(p)) throw Error(path, key, $"the profile has no peak.{key.Value}");
            result = result.SetItem(p, Factors(value as YamlMappingNode ?? throw Error(path, value, "expected a mapping of op classes to factors"), path, allowPrecisions: false));
        }
        return result;
    }

    private ImmutableSortedDictionary<OpClass, double> Factors(YamlMappingNode map, string path, bool allowPrecisions)
    {
        var factors = ImmutableSortedDictionary.CreateBuilder<OpClass, double>();
        foreach (var (key, _) in Entries(map, path))
        {
            if (allowPrecisions && Precisions.Parse(key.Value!) is not null) continue;
            if (ProfileYamlKeys.ParseOpClass(key.Value!) is not OpClass opClass)
                throw Error($"{path}.{key.Value}", key, $"unknown op class; expected one of {string.Join(", ", ProfileYamlKeys.OpClassKeys)}"
                    + (allowPrecisions ? ", or fp32/fp16/int8 with factors for that precision" : ""));
            factors[opClass] = Number(map, path, key.Value!, min: double.Epsilon, max: 100)
                ?? throw Error($"{path}.{key.Value}", key, "expected a number");
        }
        return factors.ToImmutable();
    }

    private ImmutableArray<string> Sources(YamlMappingNode root) => Child(root, "sources") switch
    {
        null => [],
        YamlScalarNode s => [s.Value ?? ""],
        YamlSequenceNode seq => [.. seq.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw Error("sources", c, "expected a citation as text"))],
        var other => throw Error("sources", other, "expected a list of citations"),
    };

    private bool? Bool(YamlMappingNode root, string key) => Scalar(root, null, key) is not { } node ? null
        : YamlText.Flag(node.Value) ?? throw Error(key, node, $"expected true or false, got '{node.Value}'");

    private double? Number(YamlMappingNode map, string? parent, string key, double min, double max = double.MaxValue, bool integer = false)
    {
        var path = Join(parent, key);
        if (Scalar(map, parent, key) is not { } node) return null;
        if (!YamlText.TryNumber(node.Value, out var v))
            throw Error(path, node, $"expected a number, got '{node.Value}'");
        if (integer && v != Math.Floor(v)) throw Error(path, node, $"expected a whole number, got {node.Value}");
        if (v < min || v > max)
            throw Error(path, node, min == 0 ? $"must not be negative, got {node.Value}" : max < double.MaxValue ? $"must be above 0 and at most {max}, got {node.Value}" : $"must be positive, got {node.Value}");
        return v;
    }

    private YamlScalarNode? Scalar(YamlMappingNode map, string? parent, string key) => Child(map, key) switch
    {
        null => null,
        YamlScalarNode s => s,
        var other => throw Error(Join(parent, key), other, "expected a single value"),
    };

    private YamlMappingNode? Mapping(YamlMappingNode map, string? parent, string key) => Child(map, key) switch
    {
        null => null,
        YamlMappingNode m => m,
        var other => throw Error(Join(parent, key), other, "expected a mapping of keys to values"),
    };

    private IEnumerable<(YamlScalarNode Key, YamlNode Value)> Entries(YamlMappingNode map, string path) =>
        map.Children.Select(kv => (kv.Key as YamlScalarNode ?? throw Error(path, kv.Key, "keys must be plain names"), kv.Value));

    private Precision ParsePrecision(string parent, YamlScalarNode key) =>
        Precisions.Parse(key.Value ?? "") ?? throw Error($"{parent}.{key.Value}", key, "unknown precision; expected fp32, fp16 or int8");

    private void CheckKeys(YamlMappingNode map, string? parent, IReadOnlyList<string> known)
    {
        foreach (var (key, _) in Entries(map, parent ?? ""))
            if (!known.Contains(key.Value))
                throw Error(Join(parent, key.Value!), key, $"unknown key; a profile has {string.Join(", ", known)}");
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && !YamlText.IsNull(node) ? node : null;

    private static string Join(string? parent, string key) => parent is null ? key : $"{parent}.{key}";

    private TargetProfileException Missing(string key, string why = "every profile needs it") => new($"missing; {why}", file, key);

    private TargetProfileException Error(string path, YamlNode node, string message) => new(message, file, path, node.Start.Line);
}
