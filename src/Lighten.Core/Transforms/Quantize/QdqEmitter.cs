using Lighten.Core.Transforms.Quantize.Ops;

namespace Lighten.Core.Transforms.Quantize;

/// <summary>Writes QuantizeLinear / DequantizeLinear nodes and quantized weights into a graph being edited.</summary>
internal sealed class QdqEmitter(GraphBuilder builder, bool perChannel)
{
    private readonly Dictionary<string, (string Scale, string ZeroPoint)> groupParameters = new(StringComparer.Ordinal);

    /// <summary>Weight slices whose scale was widened so their bias fits in int32, over every layer written.</summary>
    public int WidenedChannels { get; private set; }

    /// <summary>The scale and zero-point initializers of a scale group, created once and shared by every tensor of the group.</summary>
    public (string Scale, string ZeroPoint) GroupParameters(string group, QuantParams p)
    {
        if (groupParameters.TryGetValue(group, out var names)) return names;
        names = (builder.UniqueName(group + "_scale"), builder.UniqueName(group + "_zero_point"));
        builder.SetInitializer(names.Scale, TensorData.FromFloats([], [p.Scale]));
        builder.SetInitializer(names.ZeroPoint, ZeroPoints(p.Type, [], [p.ZeroPoint]));
        return groupParameters[group] = names;
    }

    /// <summary>Adds <c>source → Q → DQ → output</c> with the given parameter initializers; returns the Q node and its output.</summary>
    public (string Node, string Output) AddPair(string source, string output, (string Scale, string ZeroPoint) parameters, string stem)
    {
        var quantized = builder.UniqueName(stem + "_quantized");
        var q = builder.AddNode("QuantizeLinear", [source, parameters.Scale, parameters.ZeroPoint], [quantized], namePrefix: stem + "_QuantizeLinear");
        builder.AddNode("DequantizeLinear", [quantized, parameters.Scale, parameters.ZeroPoint], [output], namePrefix: stem + "_DequantizeLinear");
        return (q.Name, quantized);
    }

    /// <summary>A DequantizeLinear of <paramref name="quantized"/> along axis 1 with <paramref name="channels"/> copies of the same scale and zero point.</summary>
    public string DequantizePerChannel(string quantized, QuantParams p, long channels, string stem)
    {
        var s = builder.UniqueName(stem + "_scale");
        var z = builder.UniqueName(stem + "_zero_point");
        builder.SetInitializer(s, TensorData.FromFloats([channels], [.. Enumerable.Repeat(p.Scale, (int)channels)]));
        builder.SetInitializer(z, ZeroPoints(p.Type, [channels], [.. Enumerable.Repeat(p.ZeroPoint, (int)channels)]));
        var output = builder.UniqueName(stem);
        builder.AddNode("DequantizeLinear", [quantized, s, z], [output], [KeyValuePair.Create("axis", (AttributeValue)new IntAttribute(1))], namePrefix: stem + "_DequantizeLinear");
        return output;
    }

    /// <summary>
    /// Replaces the weight and bias inputs of a compute node by DequantizeLinear nodes over int8 weights (per output
    /// channel unless per-tensor) and an int32 bias whose scale is <paramref name="inputScale"/> × the weight scale.
    /// </summary>
    public Node QuantizeWeights(Node node, WeightLayout layout, float inputScale, IReadOnlyDictionary<string, TensorData> initializers)
    {
        var weightName = node.Inputs[layout.WeightInput];
        var bias = layout.BiasInput is int bi ? initializers[node.Inputs[bi]] : null;
        int? axis = perChannel ? layout.Axis : null;
        var qw = WeightQuantizer.Quantize(initializers[weightName], axis, bias, inputScale);
        WidenedChannels += qw.WidenedChannels;

        var inputs = node.Inputs.ToArray();
        inputs[layout.WeightInput] = Dequantize(weightName, qw.Values, qw.Scales, ElementType.Int8, axis);
        if (layout.BiasInput is int b && qw.Bias is not null)
            inputs[b] = Dequantize(node.Inputs[b], qw.Bias, qw.BiasScales!, ElementType.Int32, axis is null ? null : qw.Bias.Dims.Length - 1);
        var result = node with { Inputs = [.. inputs] };
        return node.OpType == "Gemm" && layout.BiasInput is not null ? result.WithAttribute("beta", new FloatAttribute(1f)) : result;
    }

    private string Dequantize(string stem, TensorData values, float[] scales, ElementType type, int? axis)
    {
        long[] dims = axis is null ? [] : [scales.Length];
        var q = builder.UniqueName(stem + "_quantized");
        var s = builder.UniqueName(stem + "_scale");
        var z = builder.UniqueName(stem + "_zero_point");
        builder.SetInitializer(q, values);
        builder.SetInitializer(s, TensorData.FromFloats(dims, axis is null ? scales.AsSpan(0, 1) : scales));
        builder.SetInitializer(z, ZeroPoints(type, dims, new int[scales.Length > 0 && axis is not null ? scales.Length : 1]));
        var output = builder.UniqueName(stem + "_dequantized");
        IEnumerable<KeyValuePair<string, AttributeValue>>? attributes = axis is int a ? [KeyValuePair.Create("axis", (AttributeValue)new IntAttribute(a))] : null;
        builder.AddNode("DequantizeLinear", [q, s, z], [output], attributes, namePrefix: stem + "_DequantizeLinear");
        return output;
    }

    private static TensorData ZeroPoints(ElementType type, long[] dims, int[] values) => type switch
    {
        ElementType.UInt8 => TensorData.FromUInt8s(dims, [.. values.Select(v => (byte)v)]),
        ElementType.Int8 => TensorData.FromInt8s(dims, [.. values.Select(v => (sbyte)v)]),
        ElementType.Int32 => TensorData.FromInt32s(dims, values),
        _ => throw new ArgumentException($"no zero point of type {type}"),
    };

    /// <summary>
    /// Makes every node but the Q that reads <paramref name="from"/> read <paramref name="dequantized"/>, except Shape and Size, which
    /// only look at the shape and read <paramref name="quantized"/>, so no DequantizeLinear runs for them.
    /// </summary>
    public void Rewire(string from, (string Node, string Output) quantized, string dequantized)
    {
        foreach (var n in builder.Consumers(from))
        {
            if (n.Name == quantized.Node) continue;
            var to = n.OpType is "Shape" or "Size" && n.Domain is "" or "ai.onnx" ? quantized.Output : dequantized;
            builder.ReplaceNode(n with { Inputs = [.. n.Inputs.Select(x => x == from ? to : x)] });
        }
    }
}
