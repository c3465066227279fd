using Lighten.Core;

namespace Lighten.Core.Tests.IR;

public class GraphBuilderTests
{
    [Fact]
    public void ToGraph_sorts_nodes_topologically_and_keeps_the_original_untouched()
    {
        var original = new Lighten.Core.Graph
        {
            Inputs = [new ValueInfo("x", ElementType.Float, new TensorShape(1, 4))],
            Outputs = [new ValueInfo("z", ElementType.Float, null)],
            Nodes = [new Node("a", "Relu", ["x"], ["y"]), new Node("b", "Relu", ["y"], ["z"])],
        };
        var builder = new GraphBuilder(original);
        builder.RemoveNode("b");
        builder.AddNode("Sigmoid", ["y2"], ["z"], namePrefix: "b");
        builder.AddNode("Tanh", ["y"], ["y2"]);

        var edited = builder.ToGraph();

        Assert.Equal(["a", "Tanh", "b_1"], edited.Nodes.Select(n => n.Name));
        Assert.Equal(["a", "b"], original.Nodes.Select(n => n.Name));
        GraphValidator.CheckStructure(edited);
    }

    [Fact]
    public void ReplaceUses_rewires_readers_and_graph_outputs_and_drops_unused_initializers()
    {
        var builder = new GraphBuilder();
        builder.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape(1, 4)));
        builder.SetInitializer("unused", TensorData.FromFloats([1], [1f]));
        builder.AddNode(new Node("id", "Identity", ["x"], ["y"]));
        builder.AddNode(new Node("relu", "Relu", ["y"], ["z"]));
        builder.Outputs.Add(new ValueInfo("y", ElementType.Float, null));

        builder.RemoveNode("id");
        builder.ReplaceUses("y", "x");
        var graph = builder.ToGraph();

        Assert.Equal("x", Assert.Single(graph.Nodes.Single().Inputs));
        Assert.Equal("x", graph.Outputs.Single().Name);
        Assert.Empty(graph.Initializers);
    }

    [Fact]
    public void UniqueName_never_repeats_an_existing_name()
    {
        var builder = new GraphBuilder();
        builder.AddNode(new Node("conv", "Conv", ["x"], ["conv_1"]));
        Assert.Equal("conv_2", builder.UniqueName("conv"));
        Assert.Equal("conv_3", builder.UniqueName("conv"));
    }
}
