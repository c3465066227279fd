using System.Collections.Immutable;

namespace Lighten.Core;

/// <summary>Orders nodes so that every value is produced before it is read.</summary>
public static class TopologicalOrder
{
    /// <summary>
    /// A stable topological order of <paramref name="nodes"/> (Kahn's algorithm, keeping the given order
    /// among ready nodes). Inputs that no node produces are taken as given (graph inputs, initializers, or
    /// dangling names, which the validator reports). Throws <see cref="GraphValidationException"/> on a cycle.
    /// </summary>
    public static ImmutableArray<Node> Sort(IReadOnlyList<Node> nodes, IEnumerable<string> available)
    {
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
            foreach (var o in nodes[i].Outputs)
                if (o.Length > 0) producer.TryAdd(o, i);
        var given = new HashSet<string>(available, StringComparer.Ordinal);

        var pending = new int[nodes.Count];
        var readers = new List<int>?[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (var input in nodes[i].Inputs.Distinct())
            {
                if (input.Length == 0 || given.Contains(input) || !producer.TryGetValue(input, out int p)) continue;
                pending[i]++;
                (readers[p] ??= []).Add(i);
            }
        }

        var ready = new SortedSet<int>(Enumerable.Range(0, nodes.Count).Where(i => pending[i] == 0));
        var order = ImmutableArray.CreateBuilder<Node>(nodes.Count);
        while (ready.Count > 0)
        {
            int i = ready.Min;
            ready.Remove(i);
            order.Add(nodes[i]);
            foreach (var r in readers[i] ?? [])
                if (--pending[r] == 0) ready.Add(r);
        }
        if (order.Count != nodes.Count)
        {
            var stuck = nodes[Enumerable.Range(0, nodes.Count).First(i => pending[i] > 0)];
            throw new GraphValidationException($"the graph has a cycle through this node (it reads [{string.Join(", ", stuck.Inputs)}])", stuck.Name, stuck.OpType);
        }
        return order.MoveToImmutable();
    }
}
