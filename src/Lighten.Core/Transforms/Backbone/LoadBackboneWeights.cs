namespace Lighten.Core.Transforms.Backbone;

/// <summary>
/// Copies pretrained weights into a zoo backbone from a graph imported from an ONNX export of the same torchvision
/// architecture, matched by structure: the k-th Conv of the backbone (in graph order) takes the k-th Conv of the
/// export, which must have the same weight shape and groups; trailing layers of the export (a classifier, a head)
/// are ignored. An export in eval mode usually folds each BatchNorm into its Conv's bias: the backbone's BatchNorm
/// then becomes the identity plus that bias (weight 1, bias b, mean 0, variance 1 − ε), which computes the same.
/// </summary>
internal static class LoadBackboneWeights
{
    /// <summary>A Conv with its weight, optional bias and the BatchNormalization reading its output, if any.</summary>
    private sealed record ConvUnit(Node Conv, Node? Norm);

    /// <summary>The backbone with the export's weights; <paramref name="candidate"/> names it in errors. Returns the number of Convs loaded.</summary>
    public static (Graph Graph, int Layers, int Ignored) Run(Graph backbone, Graph export, string candidate)
    {
        var ours = Units(backbone);
        var theirs = Units(export);
        if (theirs.Count < ours.Count)
            throw new OptionException($"the backbone weights have {theirs.Count} Conv layers and {candidate} needs {ours.Count}: not an export of {candidate}");
        var b = new GraphBuilder(backbone);
        for (int i = 0; i < ours.Count; i++) Copy(b, ours[i], theirs[i], export, i, candidate);
        return (b.ToGraph(), ours.Count, theirs.Count - ours.Count);
    }

    private static List<ConvUnit> Units(Graph g) =>
    [
        .. g.Nodes.Where(n => n.OpType == "Conv").Select(conv => new ConvUnit(conv,
            g.Consumers(conv.Outputs[0]).ToList() is [{ OpType: "BatchNormalization" } bn] ? bn : null)),
    ];

    private static void Copy(GraphBuilder b, ConvUnit ours, ConvUnit theirs, Graph export, int index, string candidate)
    {
        var weight = b.Initializers[ours.Conv.Inputs[1]];
        var source = Tensor(export, theirs.Conv, 1);
        if (!weight.Dims.SequenceEqual(source.Dims) || ours.Conv.GetInt("group", 1) != theirs.Conv.GetInt("group", 1))
            throw new OptionException($"the backbone weights do not match {candidate} at Conv #{index + 1}: '{ours.Conv.Name}' has weight "
                + $"[{string.Join("x", weight.Dims)}] group {ours.Conv.GetInt("group", 1)}, the export's '{theirs.Conv.Name}' "
                + $"[{string.Join("x", source.Dims)}] group {theirs.Conv.GetInt("group", 1)}");
        b.SetInitializer(ours.Conv.Inputs[1], source.CastTo(ElementType.Float));
        float[]? bias = theirs.Conv.HasInput(2) ? Tensor(export, theirs.Conv, 2).CastTo(ElementType.Float).ToFloatArray() : null;
        if (ours.Conv.HasInput(2))
        {
            b.SetInitializer(ours.Conv.Inputs[2], TensorData.FromFloats([weight.Dims[0]], bias ?? new float[weight.Dims[0]]));
            bias = null;
        }
        if (ours.Norm is { } norm)
        {
            int c = (int)weight.Dims[0];
            float[] gamma, beta, mean, variance;
            if (theirs.Norm is { } source2)
            {
                (gamma, beta, mean, variance) = (Floats(export, source2, 1), Floats(export, source2, 2), Floats(export, source2, 3), Floats(export, source2, 4));
                // A conv bias before the BatchNorm shifts its input: fold it into the mean.
                if (bias is not null) for (int k = 0; k < c; k++) mean[k] -= bias[k];
            }
            else
            {
                float eps = norm.GetFloat("epsilon", 1e-5f);
                (gamma, beta, mean, variance) = (Filled(c, 1), bias ?? new float[c], new float[c], Filled(c, 1 - eps));
            }
            string[] names = [.. norm.Inputs.Skip(1).Take(4)];
            foreach (var (name, values) in names.Zip([gamma, beta, mean, variance]))
                b.SetInitializer(name, TensorData.FromFloats([c], values));
        }
        else if (bias is not null && bias.Any(v => v != 0))
            throw new OptionException($"the backbone weights give Conv '{theirs.Conv.Name}' a bias that {candidate}'s '{ours.Conv.Name}' has no place for");
    }

    private static TensorData Tensor(Graph g, Node node, int input) =>
        g.Initializers.TryGetValue(node.Inputs[input], out var t) ? t
            : throw new OptionException($"the backbone weights' node '{node.Name}' ({node.OpType}) reads its input {input} '{node.Inputs[input]}' from no initializer");

    private static float[] Floats(Graph g, Node node, int input) => Tensor(g, node, input).CastTo(ElementType.Float).ToFloatArray();

    private static float[] Filled(int count, float value) => Enumerable.Repeat(value, count).ToArray();
}
