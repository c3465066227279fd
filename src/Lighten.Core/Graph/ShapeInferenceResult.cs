using System.Collections.Immutable;

namespace Lighten.Core;

/// <summary>
/// What <see cref="ShapeInference.Run"/> found: the graph with every inferable value's type and shape set,
/// the partially known values of small integer vectors (shape arithmetic), and the nodes whose op has no
/// registered family (their outputs keep what the file declared).
/// </summary>
/// <param name="Graph">The input graph with inferred <see cref="Lighten.Core.Graph.ValueInfos"/> and refined outputs.</param>
/// <param name="ShapeValues">Propagated elements of integer vectors (such as the output of Shape → Gather), by value name.</param>
/// <param name="UnknownOps">Nodes whose op type Lighten does not know, in graph order.</param>
public sealed record ShapeInferenceResult(
    Graph Graph,
    ImmutableSortedDictionary<string, ImmutableArray<Dim>> ShapeValues,
    ImmutableArray<Node> UnknownOps);
