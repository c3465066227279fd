using IrGraph = Lighten.Core.Graph;
using Lighten.Core.Tests.Ops;
using Lighten.Core.Transforms.Cleanup;

namespace Lighten.Core.Tests.Transforms.Cleanup;

public class RemoveIdentityTests
{
    private static string Ops(IrGraph g) => string.Join(" ", g.Nodes.Select(n => $"{n.OpType}({string.Join(",", n.Inputs)})->{string.Join(",", n.Outputs)}"));

    [Fact]
    public void ReadersAreRewiredToTheInput()
    {
        var g = new TestGraph().Input("x", 1, 4)
            .Node("Relu", ["x"], ["a"]).Node("Identity", ["a"], ["b"]).Node("Relu", ["b"], ["y"]).ToGraph();

        var r = RemoveIdentity.Run(g);
        Assert.Equal(1, r.Changes);
        Assert.Equal("removed Identity 'identity_1'", Assert.Single(r.Details));
        Assert.Equal("Relu(x)->a Relu(a)->y", Ops(r.Graph));
    }

    [Fact]
    public void GraphOutputNamesSurviveAChainOfIdentities()
    {
        var g = new TestGraph().Input("x", 1, 4)
            .Node("Relu", ["x"], ["a"]).Node("Identity", ["a"], ["b"]).Node("Identity", ["b"], ["y"])
            .Node("Sigmoid", ["a"], ["z"]).ToGraph("y", "z");

        var r = RemoveIdentity.Run(g);
        Assert.Equal(2, r.Changes);
        Assert.Equal("Relu(x)->y Sigmoid(y)->z", Ops(r.Graph));
        Assert.Equal(["y", "z"], r.Graph.Outputs.Select(o => o.Name).ToArray());
    }

    [Fact]
    public void IdentityFromAGraphInputToAGraphOutputIsKept()
    {
        var g = new TestGraph().Input("x", 1, 4).Node("Identity", ["x"], ["y"]).ToGraph();
        Assert.Equal(0, RemoveIdentity.Run(g).Changes);
    }

    [Fact]
    public void DropoutIsRemovedOnlyInInferenceWithItsMaskUnused()
    {
        var plain = new TestGraph().Input("x", 1, 4)
            .Node("Relu", ["x"], ["a"]).Node("Dropout", ["a"], ["b", ""]).Node("Relu", ["b"], ["y"]).ToGraph();
        Assert.Equal("Relu(x)->a Relu(a)->y", Ops(RemoveIdentity.Run(plain).Graph));

        var maskUsed = new TestGraph().Input("x", 1, 4)
            .Node("Relu", ["x"], ["a"]).Node("Dropout", ["a"], ["b", "m"]).Node("Relu", ["b"], ["y"]).ToGraph("y", "m");
        Assert.Equal(0, RemoveIdentity.Run(maskUsed).Changes);

        var training = new TestGraph().Input("x", 1, 4).Constant("t", TensorData.FromBools([], [true]))
            .Node("Relu", ["x"], ["a"]).Node("Dropout", ["a", "", "t"], ["b"]).Node("Relu", ["b"], ["y"]).ToGraph();
        Assert.Equal(0, RemoveIdentity.Run(training).Changes);

        var inference = new TestGraph().Input("x", 1, 4).Constant("t", TensorData.FromBools([], [false]))
            .Node("Relu", ["x"], ["a"]).Node("Dropout", ["a", "", "t"], ["b"]).Node("Relu", ["b"], ["y"]).ToGraph();
        Assert.Equal(1, RemoveIdentity.Run(inference).Changes);
    }
}
