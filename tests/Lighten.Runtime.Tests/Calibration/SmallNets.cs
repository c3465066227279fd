using Lighten.Core;

namespace Lighten.Runtime.Tests.Calibration;

/// <summary>Small image models with seeded weights for quantization tests: input "input" [N, 3, 16, 16].</summary>
internal static class SmallNets
{
    /// <summary>Conv+ReLU layers (8 channels, 3×3), optionally a ConvTranspose+ReLU (stride 2), then a 1×1 Conv writing "output".</summary>
    public static Graph ConvStack(int convs, bool deconv = false)
    {
        var b = new GraphBuilder();
        var random = new Random(5);
        b.Inputs.Add(new ValueInfo("input", ElementType.Float, new TensorShape([Dim.Sym("batch"), 3, 16, 16])));
        string x = "input";
        long channels = 3;
        for (int i = 0; i < convs; i++)
        {
            x = Layer(b, random, "Conv", $"conv{i}", x, [8, channels, 3, 3], [("pads", Ints(1, 1, 1, 1))]);
            channels = 8;
        }
        if (deconv) x = Layer(b, random, "ConvTranspose", "deconv", x, [8, 8, 4, 4], [("strides", Ints(2, 2)), ("pads", Ints(1, 1, 1, 1))]);
        b.SetInitializer("head_w", Weights(random, [4, 8, 1, 1]));
        b.AddNode(new Node("head", "Conv", [x, "head_w"], ["output"]));
        b.Outputs.Add(new ValueInfo("output", ElementType.Float, null));
        return b.ToGraph() with { Opsets = [new OpsetImport("", 13)] };
    }

    private static string Layer(GraphBuilder b, Random random, string op, string name, string input, long[] dims, (string, AttributeValue)[] attributes)
    {
        b.SetInitializer(name + "_w", Weights(random, dims));
        b.SetInitializer(name + "_b", Weights(random, [op == "Conv" ? dims[0] : dims[1]]));
        b.AddNode(new Node(name, op, [input, name + "_w", name + "_b"], [name + "_out"], attributes.Select(a => KeyValuePair.Create(a.Item1, a.Item2))));
        b.AddNode(new Node(name + "_relu", "Relu", [name + "_out"], [name + "_act"]));
        return name + "_act";
    }

    private static TensorData Weights(Random random, long[] dims)
    {
        var values = new float[dims.Aggregate(1L, (a, d) => a * d)];
        for (int i = 0; i < values.Length; i++) values[i] = (random.NextSingle() * 2 - 1) * 0.4f;
        return TensorData.FromFloats(dims, values);
    }

    private static IntsAttribute Ints(params long[] values) => new([.. values]);
}
