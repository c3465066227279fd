using Lighten.Core;
using Lighten.Data.Imaging;
using Lighten.TestSupport;
using Lighten.Training.Trainer;
using Lighten.Training.Tests.Support;
using static Lighten.Training.Tests.Support.OpGraph;
using static TorchSharp.torch;

namespace Lighten.Training.Tests.Trainer;

/// <summary>Stale BatchNormalization statistics (a small momentum after few steps) are re-estimated as a plain average before validation.</summary>
public sealed class RunningStatisticsTests(TinyImageFolderFixture folder) : IClassFixture<TinyImageFolderFixture>
{
    private const int Size = 32;

    private ClassificationData Data() => ClassificationData.Load(folder.Root, new Preprocess(Size, Size));

    private static readonly TrainingOptions Fast = new() { BatchSize = 8, LearningRate = 0.01, WeightDecay = 0, Seed = 3 };

    [Fact]
    public void The_share_of_the_starting_statistics_is_the_largest_kept_momentum_to_the_power_of_the_steps()
    {
        var two = new OpGraph().Input("x", 1, 2, 2, 2).FloatConst("s", 1f, 1f).FloatConst("b", 0f, 0f).FloatConst("m", 0f, 0f).FloatConst("v", 1f, 1f)
            .Node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"], Float("momentum", 0.99f))
            .Node("BatchNormalization", ["y", "s", "b", "m", "v"], ["z"], Float("momentum", 0.9f)).Build("z");
        Assert.Equal(Math.Pow(0.99f, 100), RunningStatistics.StartingShare(two, 100), 6);
        Assert.Equal(1, RunningStatistics.StartingShare(two, 0));
        var none = new OpGraph().Input("x", 1, 2).Op("Relu", ["x"]).Build();
        Assert.Equal(0, RunningStatistics.StartingShare(none, 10));
    }

    [Fact]
    public void A_momentum_of_one_over_k_makes_the_statistics_the_average_of_the_batches()
    {
        using var scope = NewDisposeScope();
        var graph = new OpGraph().Input("x", 2, 1, 1, 2).Weight("s", 1).Weight("b", 1).FloatConst("m", 100f).FloatConst("v", 100f)
            .Op("BatchNormalization", ["x", "s", "b", "m", "v"], Float("momentum", 0.99f)).Build();
        using var module = new GraphModule(graph);
        module.train();
        using (no_grad())
        {
            // Batch 1: 1, 2, 3, 4 (mean 2.5, unbiased variance 5/3); batch 2: 10, 10, 14, 14 (mean 12, variance 16/3).
            module.BatchNormMomentum = 1.0;
            module.forward(tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 1, 1, 2));
            module.BatchNormMomentum = 0.5;
            module.forward(tensor(new float[] { 10, 10, 14, 14 }).reshape(2, 1, 1, 2));
        }
        module.BatchNormMomentum = null;
        Assert.Equal((2.5 + 12) / 2, module.ValueOf("m").data<float>()[0], 4);
        Assert.Equal((5.0 / 3 + 16.0 / 3) / 2, module.ValueOf("v").data<float>()[0], 4);
        // Without the override the node's own momentum applies again: 0.99 of the old value is kept.
        using (no_grad()) module.forward(tensor(new float[] { 0, 0, 0, 0 }).reshape(2, 1, 1, 2));
        Assert.Equal(0.99 * 7.25, module.ValueOf("m").data<float>()[0], 4);
    }

    [Fact]
    public void A_trained_network_whose_statistics_are_stale_validates_as_well_as_before_once_they_are_re_estimated()
    {
        var trained = ModelTrainer.Train(TinyNet.Classifier(TinyImageFolder.Classes.Length, Size, 0), Data(), Fast with { Epochs = 10 });
        Assert.True(trained.BestMetric >= 0.9, $"top-1 {trained.BestMetric}");
        var stale = Stale(trained.Graph);

        // A learning rate of 1e-30 leaves the weights: only the statistics change between epoch 0 and 1.
        var result = ModelTrainer.Train(stale, Data(), Fast with { Epochs = 1, LearningRate = 1e-30, ValidateBeforeTraining = true });
        Assert.True(result.History[0].Metric <= 0.5, $"stale statistics scored {result.History[0].Metric}");
        Assert.True(result.History[1].Metric >= trained.BestMetric - 0.1, $"re-estimated {result.History[1].Metric} against {trained.BestMetric}");
        Assert.Contains($"BatchNorm statistics re-estimated over {Data().TrainCount} training images before each validation " +
            $"(their running average still held {Math.Pow(0.999f, 4) * 100:0.#} % of the starting values after 4 steps)", result.Message);
    }

    [Fact]
    public void Statistics_that_forgot_their_start_are_left_to_the_running_average()
    {
        var fast = Momentum(TinyNet.Classifier(TinyImageFolder.Classes.Length, Size, 0), 0.3f);
        var result = ModelTrainer.Train(fast, Data(), Fast with { Epochs = 1 });
        Assert.True(Math.Pow(0.3f, 4) <= RunningStatistics.StaleShare);
        Assert.DoesNotContain("re-estimated", result.Message);
    }

    // Every BatchNormalization keeps 0.999 per update and believes its inputs have variance 10⁴ around 0.
    private static Graph Stale(Graph graph)
    {
        var initializers = graph.Initializers;
        foreach (var node in graph.Nodes.Where(n => n.OpType == "BatchNormalization"))
        {
            var (mean, variance) = (initializers[node.Inputs[3]], initializers[node.Inputs[4]]);
            initializers = initializers.SetItem(node.Inputs[3], TensorData.FromFloats(mean.Dims, new float[mean.ElementCount]))
                .SetItem(node.Inputs[4], TensorData.FromFloats(variance.Dims, Enumerable.Repeat(1e4f, (int)variance.ElementCount).ToArray()));
        }
        return Momentum(graph, 0.999f) with { Initializers = initializers };
    }

    private static Graph Momentum(Graph graph, float kept) => graph with
    {
        Nodes = [.. graph.Nodes.Select(n => n.OpType == "BatchNormalization" ? n with { Attributes = n.Attributes.SetItem("momentum", new FloatAttribute(kept)) } : n)],
    };
}
