using Lighten.Core;

namespace Lighten.Training.Tests.Trainer;

/// <summary>A small He-initialized CNN (two strided Conv+BN+Relu, global pooling, Gemm) with a symbolic batch, for fast training tests.</summary>
public static class TinyNet
{
    public static Graph Classifier(int classes, int size, int seed = 0, int width = 8)
    {
        var random = new Random(seed);
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("input", ElementType.Float, new TensorShape([Dim.Sym("batch"), 3, size, size])));
        string x = "input";
        int inChannels = 3;
        foreach (var (name, channels) in new[] { ("conv1", width), ("conv2", 2 * width) })
        {
            b.SetInitializer($"{name}.weight", He(random, [channels, inChannels, 3, 3], inChannels * 9));
            b.SetInitializer($"{name}.bn.weight", Fill(channels, 1));
            b.SetInitializer($"{name}.bn.bias", Fill(channels, 0));
            b.SetInitializer($"{name}.bn.running_mean", Fill(channels, 0));
            b.SetInitializer($"{name}.bn.running_var", Fill(channels, 1));
            b.AddNode("Conv", [x, $"{name}.weight"], [$"{name}.out"], [Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1), Ints("kernel_shape", 3, 3)]);
            b.AddNode("BatchNormalization", [$"{name}.out", $"{name}.bn.weight", $"{name}.bn.bias", $"{name}.bn.running_mean", $"{name}.bn.running_var"], [$"{name}.bn"]);
            b.AddNode("Relu", [$"{name}.bn"], [$"{name}.relu"]);
            (x, inChannels) = ($"{name}.relu", channels);
        }
        b.AddNode("GlobalAveragePool", [x], ["pooled"]);
        b.AddNode("Flatten", ["pooled"], ["flat"]);
        b.SetInitializer("fc.weight", He(random, [classes, inChannels], inChannels));
        b.SetInitializer("fc.bias", Fill(classes, 0));
        b.AddNode("Gemm", ["flat", "fc.weight", "fc.bias"], ["output"], [KeyValuePair.Create("transB", (AttributeValue)new IntAttribute(1))]);
        b.Outputs.Add(new ValueInfo("output", ElementType.Float, new TensorShape([Dim.Sym("batch"), classes])));
        return b.ToGraph() with { Name = "tiny_net", Opsets = [new OpsetImport("", 17)] };
    }

    private static KeyValuePair<string, AttributeValue> Ints(string name, params long[] values) => KeyValuePair.Create(name, (AttributeValue)new IntsAttribute([.. values]));

    private static TensorData Fill(int count, float value) => TensorData.FromFloats([count], Enumerable.Repeat(value, count).ToArray());

    private static TensorData He(Random random, long[] dims, int fanIn)
    {
        var values = new float[dims.Aggregate(1L, (a, d) => a * d)];
        double std = Math.Sqrt(2.0 / fanIn);
        for (int i = 0; i < values.Length; i++)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            values[i] = (float)(std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        return TensorData.FromFloats(dims, values);
    }
}
