using System.Collections.Immutable;

namespace Lighten.Core;

/// <summary>An operator set a model imports: a domain (empty for ONNX's default) and its version.</summary>
public sealed record OpsetImport(string Domain, long Version);

/// <summary>Model-level fields of an ONNX file that Lighten keeps for a faithful round trip.</summary>
public sealed record ModelInfo(
    long IrVersion = 8,
    string ProducerName = "lighten",
    string ProducerVersion = "",
    string Domain = "",
    long ModelVersion = 0,
    string DocString = "");

/// <summary>
/// The single source of truth of Lighten: an immutable computation graph with ONNX semantics.
/// Nodes are kept in topological order; initializers are the weights and other constants.
/// Every pass reads a Graph and returns a new one (use <see cref="GraphBuilder"/> to edit).
/// </summary>
public sealed record Graph
{
    private static readonly ImmutableSortedDictionary<string, TensorData> NoInitializers =
        ImmutableSortedDictionary<string, TensorData>.Empty.WithComparers(StringComparer.Ordinal);
    private static readonly ImmutableSortedDictionary<string, ValueInfo> NoValueInfos =
        ImmutableSortedDictionary<string, ValueInfo>.Empty.WithComparers(StringComparer.Ordinal);
    private static readonly ImmutableSortedDictionary<string, string> NoMetadata =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Graph name.</summary>
    public string Name { get; init; } = "graph";

    /// <summary>Graph inputs fed at run time (initializers are not listed here).</summary>
    public ImmutableArray<ValueInfo> Inputs { get; init; } = [];

    /// <summary>Graph outputs.</summary>
    public ImmutableArray<ValueInfo> Outputs { get; init; } = [];

    /// <summary>Nodes in topological order.</summary>
    public ImmutableArray<Node> Nodes { get; init; } = [];

    /// <summary>Weights and other constant tensors by value name.</summary>
    public ImmutableSortedDictionary<string, TensorData> Initializers { get; init; } = NoInitializers;

    /// <summary>Known type and shape of intermediate values (from the file or from shape inference).</summary>
    public ImmutableSortedDictionary<string, ValueInfo> ValueInfos { get; init; } = NoValueInfos;

    /// <summary>Operator sets the graph uses.</summary>
    public ImmutableArray<OpsetImport> Opsets { get; init; } = [new OpsetImport("", 17)];

    /// <summary>The model's <c>metadata_props</c>.</summary>
    public ImmutableSortedDictionary<string, string> Metadata { get; init; } = NoMetadata;

    /// <summary>Model-level fields (IR version, producer, doc string).</summary>
    public ModelInfo Model { get; init; } = new();

    /// <summary>Doc string of the graph itself.</summary>
    public string DocString { get; init; } = "";

    /// <summary>The version of the default ONNX domain, or of <paramref name="domain"/>; 0 when not imported.</summary>
    public long OpsetVersion(string domain = "") =>
        Opsets.FirstOrDefault(o => o.Domain == domain || (domain.Length == 0 && o.Domain == "ai.onnx"))?.Version ?? 0;

    /// <summary>The type and shape of a value: a graph input or output, an initializer or an inferred intermediate; null when unknown.</summary>
    public ValueInfo? FindValue(string name)
    {
        if (Initializers.TryGetValue(name, out var t)) return new ValueInfo(name, t.ElementType, t.Shape);
        if (ValueInfos.TryGetValue(name, out var v)) return v;
        foreach (var i in Inputs) if (i.Name == name) return i;
        foreach (var o in Outputs) if (o.Name == name) return o;
        return null;
    }

    /// <summary>The node that produces <paramref name="value"/>, or null for graph inputs and initializers.</summary>
    public Node? Producer(string value)
    {
        foreach (var n in Nodes) if (n.Outputs.Contains(value)) return n;
        return null;
    }

    /// <summary>The nodes that read <paramref name="value"/>.</summary>
    public IEnumerable<Node> Consumers(string value) => Nodes.Where(n => n.Inputs.Contains(value));

    /// <summary>Finds a node by name.</summary>
    public Node? FindNode(string name) => Nodes.FirstOrDefault(n => n.Name == name);

    /// <summary>Whether <paramref name="value"/> is a graph output.</summary>
    public bool IsOutput(string value) => Outputs.Any(o => o.Name == value);
}
