using Lighten.Core.Analysis;
using Lighten.Core.Ops;
using Lighten.Core.Targets;
using Lighten.Core.Transforms.Prune;
using Lighten.Core.Transforms.Prune.Channels;

namespace Lighten.Core.Tests.Ops;

/// <summary>The shape and cost rule of <c>com.example:Scale2</c> (y = 2·x), an op this assembly adds to Lighten.</summary>
internal sealed class Scale2Family : OpFamily
{
    public override IReadOnlyList<string> OpTypes => ["Scale2"];

    public override string Domain => "com.example";

    public override void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ctx.InputShape(0));

    // One multiply per element, counted so that the test sees the profiler use this rule.
    public override long? CountMacs(CostContext ctx) => ctx.OutputDims(0)?.Aggregate(1L, (a, d) => a * d);
}

/// <summary>Channel pruning follows Scale2: it keeps its input's channels.</summary>
internal sealed class Scale2Channels : ChannelRule
{
    public override IReadOnlyList<string> OpTypes => ["Scale2"];

    public override string Domain => "com.example";

    public override void Couple(Node node, ChannelDependencies deps) => PassThrough(node, deps);
}

/// <summary>A second class claiming Scale2 (and an op nobody has), to be refused.</summary>
internal sealed class Scale2Impostor : OpFamily
{
    public override IReadOnlyList<string> OpTypes => ["Scale3", "Scale2"];

    public override string Domain => "com.example";

    public override void InferShapes(ShapeContext ctx) => throw new InvalidOperationException("never registered");
}

/// <summary>Registers this assembly's ops once per test process, as an application would at start-up.</summary>
internal static class ExampleOps
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        OpRegistry.Families.Register(new Scale2Family());
        ChannelRules.Rules.Register(new Scale2Channels());
        return true;
    });

    public static void Register() => _ = Registered.Value;
}

/// <summary>An op defined outside Lighten.Core, registered in its tables, is handled end to end.</summary>
public class RegisteredOpTests
{
    public RegisteredOpTests() => ExampleOps.Register();

    /// <summary>conv (3→8, odd channels dead) → com.example:Scale2 → conv (8→4).</summary>
    private static Graph Net()
    {
        static float[] Weights(int outC, int inC, bool deadOdd) =>
            [.. Enumerable.Range(0, outC * inC).Select(i => deadOdd && i / inC % 2 == 1 ? 0f : 0.1f * (1 + i % 7))];
        return new Graph
        {
            Inputs = [new ValueInfo("x", ElementType.Float, new TensorShape([Dim.Sym("N"), 3, 5, 5]))],
            Outputs = [new ValueInfo("y", ElementType.Float, null)],
            Initializers = new Graph().Initializers
                .Add("w1", TensorData.FromFloats([8, 3, 1, 1], Weights(8, 3, deadOdd: true)))
                .Add("w2", TensorData.FromFloats([4, 8, 1, 1], Weights(4, 8, deadOdd: false))),
            Nodes =
            [
                new Node("conv1", "Conv", ["x", "w1"], ["a"]),
                new Node("scale", "Scale2", ["a"], ["s"], domain: "com.example"),
                new Node("conv2", "Conv", ["s", "w2"], ["y"]),
            ],
            Opsets = [new OpsetImport("", 13), new OpsetImport("com.example", 1)],
        };
    }

    [Fact]
    public void Shape_inference_uses_the_registered_rule_in_its_domain()
    {
        var r = ShapeInference.Run(Net());
        Assert.Empty(r.UnknownOps);
        Assert.Equal("Nx8x5x5", r.ShapeOf("s"));
        Assert.Equal("Nx4x5x5", r.ShapeOf("y"));
        Assert.Same(OpRegistry.Find("com.example", "Scale2"), OpRegistry.Find(Net().Nodes[1]));
        Assert.Null(OpRegistry.Find("", "Scale2"));
        Assert.Contains("com.example:Scale2", OpRegistry.KnownOps);
        Assert.True(OpSupport.All.Contains("com.example:Scale2"));
        Assert.False(OpSupport.AllExcept(["com.example:Scale2"]).Contains("com.example:Scale2"));
    }

    [Fact]
    public void Profiler_counts_the_registered_cost()
    {
        var profile = Profiler.Run(Net(), new ProfileOptions { InputShapes = new Dictionary<string, long[]> { ["x"] = [2, 3, 5, 5] } });
        Assert.Equal(2L * 8 * 5 * 5, profile.Layers.Single(l => l.Name == "scale").Macs);
        Assert.Equal(2L * 25 * (8 * 3 + 8 + 4 * 8), profile.Totals.Macs);
        Assert.Empty(profile.Unsupported);
    }

    [Fact]
    public void Channel_pruning_follows_the_registered_rule()
    {
        var pruned = PruneChannels.Run(Net(), new ChannelPruneOptions { Ratio = 0.5 }).Graph;
        Assert.Equal(new long[] { 4, 3, 1, 1 }, pruned.Initializers["w1"].Dims.ToArray());
        Assert.Equal(new long[] { 4, 4, 1, 1 }, pruned.Initializers["w2"].Dims.ToArray());
        Assert.Equal("Scale2", pruned.Nodes.Single(n => n.Name == "scale").OpType);
        Assert.Contains("com.example:Scale2", ChannelRules.Supported);
    }

    [Fact]
    public void A_second_handler_for_an_op_is_refused_naming_both_classes()
    {
        var again = Assert.Throws<InvalidOperationException>(() => OpRegistry.Families.Register(new Scale2Family()));
        Assert.Contains("com.example:Scale2", again.Message);
        Assert.Contains(typeof(Scale2Family).FullName!, again.Message);

        var impostor = Assert.Throws<InvalidOperationException>(() => OpRegistry.Families.Register(new Scale2Impostor()));
        Assert.Equal($"op com.example:Scale2 has two shape rules: {typeof(Scale2Family).FullName} and {typeof(Scale2Impostor).FullName}", impostor.Message);
        Assert.Null(OpRegistry.Find("com.example", "Scale3"));

        var builtIns = Assert.Throws<InvalidOperationException>(() => ChannelRules.Rules.Register(typeof(ChannelRule).Assembly));
        Assert.Contains("has two channel rules: Lighten.Core.Transforms.Prune.Channels.", builtIns.Message);
        Assert.IsType<Scale2Channels>(ChannelRules.Find(Net().Nodes[1]));
    }

    [Fact]
    public void Ai_onnx_is_the_default_domain()
    {
        Assert.Same(OpRegistry.Find("", "Conv"), OpRegistry.Find("ai.onnx", "Conv"));
        Assert.NotNull(ChannelRules.Find(new Node("c", "Conv", ["x", "w"], ["y"], domain: "ai.onnx")));
    }
}
