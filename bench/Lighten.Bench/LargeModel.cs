using Lighten.Core;

namespace Lighten.Bench;

/// <summary>A plain chain of 3x3 convolutions with random weights, as large as asked.</summary>
public static class LargeModel
{
    public static Graph Build(long targetBytes, int channels = 512, int size = 14, int seed = 1)
    {
        var random = new Random(seed);
        var builder = new GraphBuilder();
        builder.Inputs.Add(new ValueInfo("input", ElementType.Float, new TensorShape([Dim.Sym("batch"), channels, size, size])));
        long perLayer = (long)channels * channels * 9 * sizeof(float);
        int layers = (int)Math.Max(1, targetBytes / perLayer);
        string x = "input";
        for (int i = 0; i < layers; i++)
        {
            var weights = new float[channels * channels * 9];
            for (int j = 0; j < weights.Length; j++) weights[j] = (float)(random.NextDouble() - 0.5) * 0.02f;
            builder.SetInitializer($"conv{i}.weight", TensorData.FromFloats([channels, channels, 3, 3], weights));
            builder.SetInitializer($"conv{i}.bias", TensorData.FromFloats([channels], new float[channels]));
            var y = $"conv{i}";
            builder.AddNode("Conv", [x, $"conv{i}.weight", $"conv{i}.bias"], [y],
                [new("pads", new IntsAttribute([1, 1, 1, 1])), new("kernel_shape", new IntsAttribute([3, 3]))], $"conv{i}");
            builder.AddNode("Relu", [y], [$"relu{i}"], null, $"relu{i}");
            x = $"relu{i}";
        }
        builder.Outputs.Add(new ValueInfo(x, ElementType.Float, null));
        return builder.ToGraph() with { Name = "large_chain", Opsets = [new OpsetImport("", 13)] };
    }
}
