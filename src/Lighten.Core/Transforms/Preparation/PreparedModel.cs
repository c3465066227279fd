using System.Collections.Immutable;

namespace Lighten.Core.Transforms.Preparation;

/// <summary>A model after <see cref="ModelPreparation"/>: the graph and what each preparation pass changed, in order.</summary>
/// <param name="Graph">The prepared graph.</param>
/// <param name="Passes">Every pass that ran, including those that changed nothing.</param>
public sealed record PreparedModel(Graph Graph, ImmutableArray<PassResult> Passes)
{
    /// <summary>One line per pass that changed something: its name, its number of changes and its first details.</summary>
    public IEnumerable<string> Notes => Passes.Where(p => p.Changes > 0).Select(p =>
        $"prepared ({p.Pass}): {string.Join("; ", p.Details.Take(3))}{(p.Details.Length > 3 ? $"; … {p.Details.Length - 3} more" : "")}");
}
