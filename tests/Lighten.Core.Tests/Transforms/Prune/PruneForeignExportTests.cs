using Lighten.Core.Transforms.Cleanup;
using Lighten.Core.Transforms.Prune;
using Lighten.Core.Transforms.Preparation;
using static Lighten.Core.Tests.Transforms.Factorize.FactorizeGraphs;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms.Prune;

/// <summary>
/// What PyTorch's exporter writes and our own models lack: equal initializers de-duplicated and handed to several layers
/// through Identity nodes (so a Conv bias is not an initializer), and weights given as Constant nodes. Structured pruning
/// read such a ResNet-50 as "removed 0 channel groups"; it must prune it as it prunes the clean form.
/// </summary>
public class PruneForeignExportTests
{
    /// <summary>x → conv1 (8) → relu → conv2 (8) → relu → head (4), dead odd channels, both biases one shared tensor via Identity, head weights a Constant.</summary>
    private static IrGraph PyTorchStyle(bool throughIdentity = true)
    {
        var n = new PruneNet(seed: 3);
        var a = n.Op("Relu", n.Conv("conv1", "x", 3, 8, dead: PruneNet.Odd(8)));
        var b = n.Op("Relu", n.Conv("conv2", a, 8, 8, dead: PruneNet.Odd(8)));
        var clean = n.Build(n.Conv("head", b, 8, 4));
        var builder = new GraphBuilder(clean);
        builder.SetInitializer("onnx::Conv_shared", clean.Initializers["conv1.b"]);
        builder.Initializers.Remove("conv1.b");
        builder.Initializers.Remove("conv2.b");
        if (throughIdentity)
        {
            builder.Nodes.Insert(0, new Node("Identity_0", "Identity", ["onnx::Conv_shared"], ["conv1.b"]));
            builder.Nodes.Insert(0, new Node("Identity_1", "Identity", ["onnx::Conv_shared"], ["conv2.b"]));
        }
        else
        {
            foreach (var conv in new[] { "conv1", "conv2" })
            {
                var node = builder.Nodes.First(x => x.Name == conv);
                builder.ReplaceNode(node with { Inputs = [node.Inputs[0], node.Inputs[1], "onnx::Conv_shared"] });
            }
        }
        builder.Nodes.Insert(0, new Node("Constant_0", "Constant", [], ["head.w"],
            [KeyValuePair.Create<string, AttributeValue>("value", new TensorAttribute(clean.Initializers["head.w"]))]));
        builder.Initializers.Remove("head.w");
        return builder.ToGraph();
    }

    [Theory]
    [InlineData(true, "prepared (FoldConstants)")]
    [InlineData(false, "prepared (PrivatizeInitializers): initializer 'onnx::Conv_shared' shared by 2 nodes")]
    public void Shared_biases_and_constant_weights_are_pruned_like_the_clean_form(bool throughIdentity, string prepared)
    {
        var g = PyTorchStyle(throughIdentity);
        var r = PruneChannels.Run(g, new ChannelPruneOptions { Ratio = 0.5 });
        Assert.True(r.Changes > 0, string.Join("; ", r.Details));
        Assert.Equal(4, r.Graph.Initializers[r.Graph.FindNode("conv1")!.Inputs[2]].Dims[0]);
        Assert.Equal(4, r.Graph.Initializers[r.Graph.FindNode("conv2")!.Inputs[2]].Dims[0]);
        Assert.Contains(r.Details, d => d.StartsWith(prepared, StringComparison.Ordinal));
        Assert.True(MaxDiff(g, r.Graph) < 1e-5);
    }

    [Fact]
    public void Privatizing_copies_a_shared_initializer_per_reader_and_changes_nothing_else()
    {
        var shared = ModelPreparation.Run(PyTorchStyle(throughIdentity: false), PreparationOptions.Rewrite).Graph;
        var conv1 = shared.FindNode("conv1")!;
        var conv2 = shared.FindNode("conv2")!;
        Assert.NotEqual(conv1.Inputs[2], conv2.Inputs[2]);
        Assert.Equal(shared.Initializers[conv1.Inputs[2]].ToFloatArray(), shared.Initializers[conv2.Inputs[2]].ToFloatArray());
        Assert.DoesNotContain(shared.Nodes, node => node.OpType is "Identity" or "Constant");
        Assert.True(MaxDiff(PyTorchStyle(throughIdentity: false), shared) < 1e-6);
        var again = PrivatizeInitializers.Run(shared);
        Assert.Equal(0, again.Changes);
    }
}
