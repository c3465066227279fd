using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    // Keyed by the node array itself: a `with` that keeps Nodes keeps the index, one that changes them gets a new one,
    // and the record's equality and printing never see it.
    private static readonly ConditionalWeakTable<Node[], GraphIndex> Indexes = new();
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

    /// <summary>
    /// The index of this graph's nodes (producer and consumers of each value, node by name), built on first use and shared
    /// by every graph with the same node list.
    /// </summary>
    public GraphIndex Index()
    {
        var nodes = ImmutableCollectionsMarshal.AsArray(Nodes) ?? [];
        return Indexes.GetValue(nodes, static n => new GraphIndex(n));
    }

    /// <summary>The node that produces <paramref name="value"/>, or null for graph inputs and initializers.</summary>
    public Node? Producer(string value) => Index().Producer(value);

    /// <summary>The nodes that read <paramref name="value"/>, each once, in graph order.</summary>
    public IReadOnlyList<Node> Consumers(string value) => Index().Consumers(value);

    /// <summary>Finds a node by name (the first one so named).</summary>
    public Node? FindNode(string name) => Index().FindNode(name);

    /// <summary>Whether <paramref name="value"/> is a graph output.</summary>
    public bool IsOutput(string value)
    {
        foreach (var o in Outputs) if (o.Name == value) return true;
        return false;
    }
}
