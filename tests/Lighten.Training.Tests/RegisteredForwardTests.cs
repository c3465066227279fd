using Lighten.Core;
using Lighten.Training.Forwards;
using TorchSharp;
using static TorchSharp.torch;

namespace Lighten.Training.Tests;

/// <summary>The forward of <c>com.example:Scale2</c> (y = 2·x), an op this assembly adds to GraphModule.</summary>
internal sealed class Scale2Forward : OpForward
{
    public override IReadOnlyList<string> OpTypes => ["Scale2"];

    public override string Domain => "com.example";

    public override Tensor?[] Forward(ForwardContext ctx) => [ctx.Input(0) * 2];
}

/// <summary>A second forward for a built-in op, to be refused.</summary>
internal sealed class ReluImpostor : OpForward
{
    public override IReadOnlyList<string> OpTypes => ["Relu"];

    public override Tensor?[] Forward(ForwardContext ctx) => throw new InvalidOperationException("never registered");
}

/// <summary>A forward registered from outside Lighten.Training runs, and trains, inside GraphModule.</summary>
public class RegisteredForwardTests
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        OpForwards.Forwards.Register(new Scale2Forward());
        return true;
    });

    public RegisteredForwardTests() => _ = Registered.Value;

    /// <summary>conv (1×1, 2→2) → com.example:Scale2 → y.</summary>
    private static Graph Net(float[] w) => new()
    {
        Inputs = [new ValueInfo("x", ElementType.Float, new TensorShape(1, 2, 3, 3))],
        Outputs = [new ValueInfo("y", ElementType.Float, null)],
        Initializers = new Graph().Initializers.Add("w", TensorData.FromFloats([2, 2, 1, 1], w)),
        Nodes =
        [
            new Node("conv", "Conv", ["x", "w"], ["c"]),
            new Node("scale", "Scale2", ["c"], ["y"], domain: "com.example"),
        ],
        Opsets = [new OpsetImport("", 13), new OpsetImport("com.example", 1)],
    };

    [Fact]
    public void GraphModule_runs_and_trains_through_the_registered_forward()
    {
        using var scope = NewDisposeScope();
        float[] w = [1f, 2f, -1f, 0.5f];
        var x = arange(18, dtype: ScalarType.Float32).reshape(1, 2, 3, 3);
        using var module = new GraphModule(Net(w));

        var y = module.forward(x);

        var expected = nn.functional.conv2d(x, tensor(w).reshape(2, 2, 1, 1)) * 2;
        Assert.Equal(expected.data<float>().ToArray(), y.data<float>().ToArray());
        y.sum().backward();
        // d(sum y)/dw[o, i] = 2 · sum of input channel i, whatever o.
        var channelSums = x.sum([0, 2, 3]).data<float>().ToArray();
        Assert.Equal(new[] { 2 * channelSums[0], 2 * channelSums[1], 2 * channelSums[0], 2 * channelSums[1] },
            module.parameters().Single().grad!.data<float>().ToArray());
        Assert.Contains("com.example:Scale2", GraphModule.SupportedOps);
    }

    [Fact]
    public void A_second_forward_for_an_op_is_refused_naming_both_classes()
    {
        var e = Assert.Throws<InvalidOperationException>(() => OpForwards.Forwards.Register(new ReluImpostor()));
        Assert.StartsWith("op Relu has two forwards: Lighten.Training.Forwards.", e.Message);
        Assert.EndsWith($" and {typeof(ReluImpostor).FullName}", e.Message);
        Assert.IsNotType<ReluImpostor>(OpForwards.Find("", "Relu"));
        var again = Assert.Throws<InvalidOperationException>(() => OpForwards.Forwards.Register(new Scale2Forward()));
        Assert.Equal($"op com.example:Scale2 has two forwards: {typeof(Scale2Forward).FullName} and {typeof(Scale2Forward).FullName}", again.Message);
    }
}
