using System.Collections.Immutable;
using Lighten.Core.Targets;

namespace Lighten.Core.Tests.Targets;

/// <summary>Small graphs and a hand-made profile whose estimates can be worked out on paper.</summary>
internal static class TargetGraphs
{
    /// <summary>10 GFLOP/s FP32, 40 GOP/s INT8, 1 GB/s, conv efficiency 0.5, 100 µs per layer, 1 MiB of RAM; INT8 lacks ConvTranspose.</summary>
    public static TargetProfile Board { get; } = new()
    {
        Name = "paper",
        PeakGops = ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(Precision.Fp32, 10.0), KeyValuePair.Create(Precision.Int8, 40.0)]),
        BandwidthGBps = 1,
        RamBytes = 1 << 20,
        Ops = ImmutableSortedDictionary.CreateRange([
            KeyValuePair.Create(Precision.Fp32, OpSupport.All),
            KeyValuePair.Create(Precision.Int8, OpSupport.AllExcept(["ConvTranspose"]))]),
        Efficiency = ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(OpClass.Conv, 0.5)]),
        LayerOverheadUs = 100,
    };

    /// <summary>x [1,16,32,32] → 3×3 Conv to 32 channels (pads 1) → y, then the given ops on y in a chain.</summary>
    public static Graph ConvThen(params string[] ops)
    {
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape(1, 16, 32, 32)));
        b.SetInitializer("w", Zeros(32, 16, 3, 3));
        b.AddNode(new Node("conv", "Conv", ["x", "w"], ["c"], [Ints("pads", 1, 1, 1, 1)]));
        var last = "c";
        foreach (var (op, i) in ops.Select((o, i) => (o, i)))
        {
            var inputs = new List<string> { last };
            if (op == "BatchNormalization")
            {
                foreach (var p in new[] { "scale", "bias", "mean", "var" }) b.SetInitializer($"bn_{p}", Zeros(32));
                inputs.AddRange(["bn_scale", "bn_bias", "bn_mean", "bn_var"]);
            }
            b.AddNode(new Node($"n{i}", op, inputs, [$"v{i}"]));
            last = $"v{i}";
        }
        b.Outputs.Add(new ValueInfo(last, ElementType.Float, null));
        return b.ToGraph();
    }

    /// <summary>x [1,C,H,W] → one node of <paramref name="op"/> with weight <paramref name="weight"/> and attributes → y.</summary>
    public static Graph Single(string op, long[] input, long[]? weight, params (string Name, long[] Values)[] attributes)
    {
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape(input)));
        var inputs = new List<string> { "x" };
        if (weight is not null)
        {
            b.SetInitializer("w", Zeros(weight));
            inputs.Add("w");
        }
        b.AddNode(new Node("layer", op, inputs, ["y"], attributes.Select(a => Ints(a.Name, a.Values))));
        b.Outputs.Add(new ValueInfo("y", ElementType.Float, null));
        return b.ToGraph();
    }

    public static TensorData Zeros(params long[] dims) => TensorData.FromFloats(dims, new float[dims.Aggregate(1L, (a, d) => a * d)]);

    private static KeyValuePair<string, AttributeValue> Ints(string name, params long[] values) =>
        new(name, values.Length == 1 && name == "group" ? new IntAttribute(values[0]) : new IntsAttribute([.. values]));
}
