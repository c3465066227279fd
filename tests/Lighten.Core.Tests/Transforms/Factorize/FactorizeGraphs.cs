using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms.Factorize;

/// <summary>Small graphs around one Conv or ConvTranspose with seeded random weights, and ONNX Runtime comparisons.</summary>
internal static class FactorizeGraphs
{
    public const string Layer = "layer";

    /// <summary>
    /// x [1, cin, h, w] → (BatchNormalization → Relu, when <paramref name="prelude"/>) → op named "layer" → y.
    /// <paramref name="weightDims"/> is the layer's weight shape; the bias has <paramref name="biasLength"/> elements (0: none).
    /// </summary>
    public static IrGraph Single(string op, long cin, long h, long w, long[] weightDims, long biasLength = 0, bool prelude = false,
        int seed = 1, params (string Name, AttributeValue Value)[] attributes)
    {
        var random = new Random(seed);
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape(1, cin, h, w)));
        var x = "x";
        if (prelude)
        {
            b.SetInitializer("bn_scale", Random(random, [cin], 0.5, 1.5));
            b.SetInitializer("bn_bias", Random(random, [cin], -0.5, 0.5));
            b.SetInitializer("bn_mean", Random(random, [cin], -0.2, 0.2));
            b.SetInitializer("bn_var", Random(random, [cin], 0.5, 2));
            b.AddNode(new Node("bn", "BatchNormalization", ["x", "bn_scale", "bn_bias", "bn_mean", "bn_var"], ["x_bn"]));
            b.AddNode(new Node("relu", "Relu", ["x_bn"], ["x_relu"]));
            x = "x_relu";
        }
        long fanIn = weightDims.Skip(1).Aggregate(1L, (a, d) => a * d);
        double bound = Math.Sqrt(3.0 / fanIn);
        b.SetInitializer("w", Random(random, weightDims, -bound, bound));
        List<string> inputs = [x, "w"];
        if (biasLength > 0)
        {
            b.SetInitializer("bias", Random(random, [biasLength], -0.5, 0.5));
            inputs.Add("bias");
        }
        b.AddNode(new Node(Layer, op, inputs, ["y"], attributes.Select(a => KeyValuePair.Create(a.Name, a.Value))));
        b.Outputs.Add(new ValueInfo("y", ElementType.Float, null));
        return ShapeInference.Run(b.ToGraph()).Graph;
    }

    public static TensorData Random(Random random, long[] dims, double low, double high)
    {
        var values = new float[dims.Aggregate(1L, (a, d) => a * d)];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(low + random.NextDouble() * (high - low));
        return TensorData.FromFloats(dims, values);
    }

    /// <summary>The outputs of <paramref name="g"/> in ONNX Runtime on seeded random inputs.</summary>
    public static IReadOnlyDictionary<string, OrtTensor> Run(IrGraph g, int seed = 7) => OrtRunner.RunSeeded(OnnxExporter.ToBytes(g), seed);

    /// <summary>The largest absolute output difference between two graphs in ONNX Runtime; the second must validate.</summary>
    public static double MaxDiff(IrGraph original, IrGraph transformed)
    {
        GraphValidator.Validate(transformed);
        return OrtRunner.MaxAbsDiff(Run(original), Run(transformed));
    }

    /// <summary>The root-mean-square output difference between two graphs in ONNX Runtime.</summary>
    public static double RmsDiff(IReadOnlyDictionary<string, OrtTensor> expected, IrGraph transformed)
    {
        var actual = Run(transformed);
        double sum = 0;
        long count = 0;
        foreach (var (name, e) in expected)
        {
            var a = actual[name];
            Assert.Equal(e.Shape, a.Shape);
            for (int i = 0; i < e.Values.Length; i++, count++) sum += Math.Pow(e.Values[i] - a.Values[i], 2);
        }
        return Math.Sqrt(sum / count);
    }

    public static (string, AttributeValue) Ints(string name, params long[] values) => (name, new IntsAttribute([.. values]));

    public static (string, AttributeValue) Int(string name, long value) => (name, new IntAttribute(value));
}
