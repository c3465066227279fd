using Lighten.Core;

namespace Lighten.Core.Tests.IR;

public class GraphValidatorTests
{
    private static readonly TensorShape Vec = new(1, 4);

    private static Lighten.Core.Graph Chain(params Node[] nodes) => new()
    {
        Inputs = [new ValueInfo("x", ElementType.Float, Vec)],
        Outputs = [new ValueInfo(nodes[^1].Outputs[0], ElementType.Float, null)],
        Nodes = [.. nodes],
    };

    [Fact]
    public void A_well_formed_chain_passes() =>
        GraphValidator.Validate(Chain(new Node("a", "Relu", ["x"], ["y"]), new Node("b", "Sigmoid", ["y"], ["z"])));

    [Fact]
    public void A_dangling_input_names_the_node_and_the_value()
    {
        var e = Assert.Throws<GraphValidationException>(() => GraphValidator.Validate(Chain(new Node("add", "Add", ["x", "ghost"], ["y"]))));
        Assert.Equal("add", e.NodeName);
        Assert.Equal("Add", e.OpType);
        Assert.Contains("ghost", e.Message);
    }

    [Fact]
    public void A_cycle_is_reported()
    {
        var e = Assert.Throws<GraphValidationException>(() => GraphValidator.Validate(
            Chain(new Node("a", "Add", ["x", "b_out"], ["a_out"]), new Node("b", "Relu", ["a_out"], ["b_out"]))));
        Assert.Contains("cycle", e.Message);
    }

    [Fact]
    public void Nodes_out_of_order_are_reported_without_a_cycle()
    {
        var e = Assert.Throws<GraphValidationException>(() => GraphValidator.Validate(
            Chain(new Node("b", "Relu", ["y"], ["z"]), new Node("a", "Relu", ["x"], ["y"])) with { Outputs = [new ValueInfo("z", ElementType.Float, null)] }));
        Assert.Contains("topological order", e.Message);
        Assert.Equal("b", e.NodeName);
    }

    [Fact]
    public void Duplicate_node_names_and_values_are_reported()
    {
        var names = Assert.Throws<GraphValidationException>(() => GraphValidator.Validate(
            Chain(new Node("a", "Relu", ["x"], ["y"]), new Node("a", "Relu", ["y"], ["z"]))));
        Assert.Contains("twice", names.Message);
        var values = Assert.Throws<GraphValidationException>(() => GraphValidator.Validate(
            Chain(new Node("a", "Relu", ["x"], ["y"]), new Node("b", "Relu", ["x"], ["y"]))));
        Assert.Contains("already defined", values.Message);
    }

    [Fact]
    public void An_unproduced_graph_output_is_reported()
    {
        var graph = Chain(new Node("a", "Relu", ["x"], ["y"])) with { Outputs = [new ValueInfo("nothing", ElementType.Float, null)] };
        Assert.Contains("nothing", Assert.Throws<GraphValidationException>(() => GraphValidator.Validate(graph)).Message);
    }

    [Fact]
    public void Inconsistent_shapes_name_the_node_op_and_shapes()
    {
        var graph = new Lighten.Core.Graph
        {
            Inputs = [new ValueInfo("x", ElementType.Float, new TensorShape(1, 3, 8, 8))],
            Outputs = [new ValueInfo("y", ElementType.Float, null)],
            Initializers = new Lighten.Core.Graph().Initializers.Add("w", TensorData.FromFloats([4, 5, 3, 3], new float[4 * 5 * 9])),
            Nodes = [new Node("conv", "Conv", ["x", "w"], ["y"])],
        };
        var e = Assert.Throws<ShapeInferenceException>(() => GraphValidator.Validate(graph));
        Assert.Equal("conv", e.NodeName);
        Assert.Equal("Conv", e.OpType);
        Assert.Contains("1x3x8x8", e.Message);
        Assert.Contains("4x5x3x3", e.Message);
    }
}
