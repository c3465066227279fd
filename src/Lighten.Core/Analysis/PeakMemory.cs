namespace Lighten.Core.Analysis;

/// <summary>
/// Peak activation memory: walks the nodes in topological order, allocating each output when its node
/// runs and freeing a value after its last reader, and returns the largest total alive at once.
/// Graph inputs are alive from the start and graph outputs until the end; initializers are weights, not activations.
/// </summary>
public static class PeakMemory
{
    /// <summary>The peak, in bytes, given each value's size (values of unknown size count as 0).</summary>
    public static long Compute(Graph graph, Func<string, long> sizeOf)
    {
        var lastUse = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < graph.Nodes.Length; i++)
            foreach (var input in graph.Nodes[i].Inputs)
                if (input.Length > 0) lastUse[input] = i;
        foreach (var output in graph.Outputs) lastUse[output.Name] = int.MaxValue;

        long alive = graph.Inputs.Sum(i => sizeOf(i.Name));
        long peak = alive;
        for (int i = 0; i < graph.Nodes.Length; i++)
        {
            var node = graph.Nodes[i];
            foreach (var output in node.Outputs)
                if (output.Length > 0) alive += sizeOf(output);
            peak = Math.Max(peak, alive);
            foreach (var value in node.Inputs.Concat(node.Outputs).Distinct())
            {
                if (value.Length == 0 || graph.Initializers.ContainsKey(value)) continue;
                if (lastUse.GetValueOrDefault(value, -1) <= i) alive -= sizeOf(value);
            }
        }
        return peak;
    }
}
