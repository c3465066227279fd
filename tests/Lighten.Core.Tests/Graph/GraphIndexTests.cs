using Lighten.Core;

namespace Lighten.Core.Tests.IR;

public class GraphIndexTests
{
    // x ─► a:Relu ─► y ─► b:Add(y, y) ─► z ─► c:Clip(z, "", max) ─► out
    //                └──► d:Mul(y, w) ─► m
    private static Lighten.Core.Graph Sample() => new()
    {
        Inputs = [new ValueInfo("x", ElementType.Float, new TensorShape(1, 4))],
        Outputs = [new ValueInfo("out", ElementType.Float, null), new ValueInfo("m", ElementType.Float, null)],
        Initializers = ImmutableSortedDictionaryOf(("w", TensorData.FromFloats([1], [2f])), ("max", TensorData.FromFloats([], [6f]))),
        Nodes =
        [
            new Node("a", "Relu", ["x"], ["y"]),
            new Node("b", "Add", ["y", "y"], ["z"]),
            new Node("c", "Clip", ["z", "", "max"], ["out"]),
            new Node("d", "Mul", ["y", "w"], ["m"]),
        ],
    };

    private static System.Collections.Immutable.ImmutableSortedDictionary<string, TensorData> ImmutableSortedDictionaryOf(params (string Name, TensorData Value)[] items) =>
        System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, items.Select(i => KeyValuePair.Create(i.Name, i.Value)));

    [Fact]
    public void Producer_is_the_writing_node_and_null_for_graph_inputs_initializers_and_unknown_names()
    {
        var g = Sample();

        Assert.Equal("a", g.Producer("y")?.Name);
        Assert.Equal("c", g.Index().Producer("out")?.Name);
        Assert.Null(g.Producer("x"));
        Assert.Null(g.Producer("w"));
        Assert.Null(g.Producer("nothing"));
        Assert.Null(g.Producer(""));
    }

    [Fact]
    public void Consumers_list_each_reading_node_once_in_graph_order()
    {
        var g = Sample();

        Assert.Equal(["b", "d"], g.Consumers("y").Select(n => n.Name));
        Assert.Equal(["a"], g.Consumers("x").Select(n => n.Name));
        Assert.Equal(["d"], g.Consumers("w").Select(n => n.Name));
        Assert.Empty(g.Consumers("out"));
        Assert.Empty(g.Consumers("nothing"));
        Assert.True(g.Index().IsRead("max"));
        Assert.False(g.Index().IsRead("m"));
    }

    [Fact]
    public void An_omitted_optional_input_is_not_a_value()
    {
        var g = Sample();

        Assert.Empty(g.Consumers(""));
        Assert.False(g.Index().IsRead(""));
    }

    [Fact]
    public void Nodes_are_found_by_name_and_position()
    {
        var g = Sample();

        Assert.Equal("Clip", g.FindNode("c")?.OpType);
        Assert.Null(g.FindNode("e"));
        Assert.Equal(3, g.Index().PositionOf(g.Nodes[3]));
        Assert.Equal(-1, g.Index().PositionOf(new Node("a", "Relu", ["x"], ["y"])));
    }

    [Fact]
    public void The_index_is_built_once_per_node_list_and_follows_a_changed_one()
    {
        var g = Sample();
        var renamed = g with { Name = "renamed" };
        var edited = g with { Nodes = g.Nodes.RemoveAt(3) };

        Assert.Same(g.Index(), g.Index());
        Assert.Same(g.Index(), renamed.Index());
        Assert.NotSame(g.Index(), edited.Index());
        Assert.Equal(["b"], edited.Consumers("y").Select(n => n.Name));
        Assert.Equal(g, g with { });
        Assert.Empty(new Lighten.Core.Graph().Consumers("x"));
    }

    [Fact]
    public void The_builder_answers_the_same_questions_while_it_edits()
    {
        var b = new GraphBuilder(Sample());

        Assert.Equal(["b", "d"], b.Consumers("y").Select(n => n.Name));
        b.RemoveNode("d");
        Assert.Equal(["b"], b.Consumers("y").Select(n => n.Name));
        Assert.Null(b.FindNode("d"));
        Assert.True(b.IsUsed("m") && b.IsOutput("m"));
        Assert.False(b.IsUsed("w"));

        b.ReplaceUses("y", "x");
        Assert.Empty(b.Consumers("y"));
        Assert.Equal(["a", "b"], b.Consumers("x").Select(n => n.Name));
        Assert.Equal(["x", "x"], b.FindNode("b")!.Inputs.ToArray());

        b.ReplaceNode(new Node("b", "Mul", ["x", "w"], ["z"]));
        Assert.Equal("b", b.Producer("z")?.Name);
        Assert.Equal(["b"], b.Consumers("w").Select(n => n.Name));

        b.AddNode(new Node("e", "Neg", ["z"], ["m"]));
        Assert.Equal(["c", "e"], b.Consumers("z").Select(n => n.Name));
        Assert.Equal("e", b.Producer("m")?.Name);
    }

    [Fact]
    public void The_builder_reindexes_after_its_node_list_is_edited_directly()
    {
        var b = new GraphBuilder(Sample());
        b.RemoveNode("a");
        Assert.Null(b.Producer("y"));

        b.Nodes.Insert(0, new Node("a2", "Sigmoid", ["x"], ["y"]));
        Assert.Equal(["a2", "b", "c", "d"], b.Nodes.Select(n => n.Name));
        Assert.Equal("a2", b.Producer("y")?.Name);
        Assert.Equal(["b", "d"], b.Consumers("y").Select(n => n.Name));

        b.Nodes.RemoveAll(n => n.Name == "d");
        Assert.Equal(["b"], b.Consumers("y").Select(n => n.Name));
        var graph = b.ToGraph();
        Assert.Equal(["a2", "b", "c"], graph.Nodes.Select(n => n.Name));
    }
}
