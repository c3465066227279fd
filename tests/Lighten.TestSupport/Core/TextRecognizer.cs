namespace Lighten.Core.Tests.Support;

/// <summary>
/// A small CRNN-like text recognizer: 3×3 Conv+ReLU layers that halve both axes twice and then only the height (strides
/// 2×1) until it is 1, so the backbone ends at [N, 96, 1, W/4]; the head squeezes that row into a sequence, moves the
/// channels last and classifies each of the W/4 columns with a MatMul (output [N, W/4, classes]).
/// </summary>
public static class TextRecognizer
{
    /// <summary>The feature channels the head reads.</summary>
    public const int Channels = 96;

    /// <summary>
    /// Builds the model for a <paramref name="height"/>×<paramref name="width"/> input (height a power of two ≥ 4) with a
    /// symbolic batch <c>N</c>; <paramref name="widthSymbol"/> leaves the width symbolic as paddle2onnx exports do.
    /// </summary>
    public static Graph Build(int height = 64, int width = 192, int classes = 37, long opset = 17, string? widthSymbol = null, int seed = 1)
    {
        var random = new Random(seed);
        var b = new GraphBuilder();
        var inputWidth = widthSymbol is null ? Dim.Of(width) : Dim.Sym(widthSymbol);
        b.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape([Dim.Sym("N"), Dim.Of(3), Dim.Of(height), inputWidth])));
        var x = "x";
        int channels = 3, layers = (int)Math.Log2(height);
        int[] widths = [16, 32, 64, 64, 96, 96, 96];
        for (int i = 0; i < layers; i++)
        {
            int output = i == layers - 1 ? Channels : widths[i];
            long strideW = i < 2 ? 2 : 1;
            var weight = Weight(b, $"conv{i}.weight", [output, channels, 3, 3], random, Math.Sqrt(2.0 / (channels * 9)));
            var bias = Weight(b, $"conv{i}.bias", [output], random, 0.01);
            b.AddNode(new Node($"/conv{i}/Conv", "Conv", [x, weight, bias], [$"conv{i}"], Attributes(
                ("kernel_shape", Ints(3, 3)), ("pads", Ints(1, 1, 1, 1)), ("strides", Ints(2, strideW)))));
            b.AddNode(new Node($"/relu{i}/Relu", "Relu", [$"conv{i}"], [$"relu{i}"]));
            (x, channels) = ($"relu{i}", output);
        }
        if (opset >= 13)
        {
            b.SetInitializer("squeeze_axes", TensorData.FromInt64s([1], [2]));
            b.AddNode(new Node("/head/Squeeze", "Squeeze", [x, "squeeze_axes"], ["row"]));
        }
        else b.AddNode(new Node("/head/Squeeze", "Squeeze", [x], ["row"], Attributes(("axes", Ints(2)))));
        b.AddNode(new Node("/head/Transpose", "Transpose", ["row"], ["sequence"], Attributes(("perm", Ints(0, 2, 1)))));
        var classifier = Weight(b, "head.weight", [Channels, classes], random, 1 / Math.Sqrt(Channels));
        var classBias = Weight(b, "head.bias", [classes], random, 0.01);
        b.AddNode(new Node("/head/MatMul", "MatMul", ["sequence", classifier], ["scores"]));
        b.AddNode(new Node("/head/Add", "Add", ["scores", classBias], ["logits"]));
        b.Outputs.Add(new ValueInfo("logits", ElementType.Float, null));
        var graph = b.ToGraph() with { Name = "text_recognizer", Opsets = [new OpsetImport("", opset)] };
        return ShapeInference.Run(graph).Graph;
    }

    private static string Weight(GraphBuilder b, string name, long[] dims, Random random, double scale)
    {
        var values = new float[dims.Aggregate(1L, (a, d) => a * d)];
        for (int i = 0; i < values.Length; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        b.SetInitializer(name, TensorData.FromFloats(dims, values));
        return name;
    }

    private static IEnumerable<KeyValuePair<string, AttributeValue>> Attributes(params (string Name, AttributeValue Value)[] attributes) =>
        attributes.Select(a => KeyValuePair.Create(a.Name, a.Value));

    private static IntsAttribute Ints(params long[] values) => new([.. values]);
}
