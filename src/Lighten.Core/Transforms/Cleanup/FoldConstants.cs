using System.Collections.Immutable;
using Lighten.Core.Transforms.Cleanup.Kernels;

namespace Lighten.Core.Transforms.Cleanup;

/// <summary>
/// Replaces every node whose outputs are known at compile time by initializers: nodes whose inputs are
/// all constant and whose op has a <see cref="ConstantKernel"/>, Shape nodes whose input shape is fully
/// known, and nodes whose output is a small integer vector that shape inference fully knows (the
/// Shape → Gather → Unsqueeze → Concat → Reshape chains of exported models, once the input shape is fixed).
/// A node that writes a graph output is kept (its inputs may become initializers), so graph outputs stay
/// produced by a node. An output larger than <see cref="MaxElements"/> is not folded unless an input is
/// already at least as large, so folding never inflates a model.
/// </summary>
public static class FoldConstants
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(FoldConstants);

    /// <summary>The largest output, in elements, folded when no input is as large.</summary>
    public const long MaxElements = 1 << 20;

    /// <summary>Runs the pass.</summary>
    public static PassResult Run(Graph g)
    {
        var inference = ShapeInference.Run(g);
        var constants = new Dictionary<string, TensorData>(g.Initializers, StringComparer.Ordinal);
        var folded = new List<Node>();
        var notes = new List<string>();
        long opset = g.OpsetVersion();
        foreach (var node in g.Nodes)
        {
            if (node.Outputs.Any(g.IsOutput)) continue;
            TensorData[]? values;
            try
            {
                values = Evaluate(node, opset, constants, inference);
            }
            catch (Exception e) when (e is not LightenException)
            {
                notes.Add($"kept {node.OpType} '{node.Name}': its constant kernel failed ({e.Message})");
                continue;
            }
            if (values is null) continue;
            for (int i = 0; i < values.Length; i++)
                if (node.Outputs[i].Length > 0 && values[i] is not null) constants[node.Outputs[i]] = values[i];
            folded.Add(node);
        }
        if (folded.Count == 0) return new PassResult(g, Name, 0, [.. notes]);

        var b = new GraphBuilder(g);
        var removed = folded.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        b.Nodes.RemoveAll(n => removed.Contains(n.Name));
        int dead = RemoveUnread(b);
        var read = b.Nodes.SelectMany(n => n.Inputs).ToHashSet(StringComparer.Ordinal);
        foreach (var output in folded.SelectMany(n => n.Outputs))
            if (output.Length > 0 && read.Contains(output)) b.SetInitializer(output, constants[output]);
        var details = folded.GroupBy(n => n.OpType).OrderBy(grp => grp.Key, StringComparer.Ordinal)
            .Select(grp => $"folded {grp.Count()} {grp.Key} node(s)")
            .Concat(dead > 0 ? [$"removed {dead} node(s) whose outputs nothing reads"] : []).Concat(notes);
        return new PassResult(b.ToGraph(), Name, folded.Count + dead, [.. details]);
    }

    /// <summary>
    /// Removes nodes none of whose outputs is read or a graph output (such as a Shape whose readers were
    /// folded), repeatedly, and returns how many were removed. ONNX ops have no side effects.
    /// </summary>
    private static int RemoveUnread(GraphBuilder b)
    {
        int removed = 0;
        while (true)
        {
            var read = b.Nodes.SelectMany(n => n.Inputs).Concat(b.Outputs.Select(o => o.Name)).ToHashSet(StringComparer.Ordinal);
            int count = b.Nodes.RemoveAll(n => !n.Outputs.Any(read.Contains));
            if (count == 0) return removed;
            removed += count;
        }
    }

    /// <summary>The node's outputs when they are known at compile time and not too large; null otherwise.</summary>
    private static TensorData[]? Evaluate(Node node, long opset, Dictionary<string, TensorData> constants, ShapeInferenceResult inference)
    {
        var inputs = node.Inputs.Select(n => n.Length > 0 ? constants.GetValueOrDefault(n) : null).ToArray();
        long limit = Math.Max(MaxElements, inputs.Max(t => t?.ElementCount) ?? 0);
        limit = Math.Max(limit, node.Attributes.Values.OfType<TensorAttribute>().Max(a => a.Value.ElementCount as long?) ?? 0);

        TensorData[]? values = null;
        bool inputsKnown = node.Inputs.Select((n, i) => n.Length == 0 || inputs[i] is not null).All(known => known);
        if (inputsKnown && ConstantKernels.Find(node) is { } kernel)
            values = kernel.Compute(new KernelContext(node, opset, inputs, limit));
        values ??= FromShapes(node, inference);
        if (values is null || values.Length < node.Outputs.Length || values.Any(v => v is not null && v.ElementCount > limit)) return null;
        return values;
    }

    /// <summary>A Shape node's output from its input's inferred shape, or outputs that shape inference knows element by element.</summary>
    private static TensorData[]? FromShapes(Node node, ShapeInferenceResult inference)
    {
        if (node.Is("Shape") && node.HasInput(0) && inference.Graph.FindValue(node.Inputs[0])?.Shape is { IsFullyKnown: true } shape)
            return [ShapeKernel.Of(node, shape.ToArray())];
        var values = new TensorData[node.Outputs.Length];
        for (int i = 0; i < values.Length; i++)
        {
            var name = node.Outputs[i];
            if (name.Length == 0) continue;
            if (!inference.ShapeValues.TryGetValue(name, out var elements) || !elements.All(d => d.IsKnown)) return null;
            if (inference.Graph.FindValue(name) is not { ElementType: ElementType.Int64 or ElementType.Int32, Shape.Rank: <= 1 } info) return null;
            long[] dims = info.Shape!.Rank == 0 ? [] : [elements.Length];
            if (dims.Length == 0 && elements.Length != 1) return null;
            values[i] = TensorOps.FromLongs(info.ElementType, dims, [.. elements.Select(d => d.Value!.Value)]);
        }
        return values;
    }
}
