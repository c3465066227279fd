using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.TestSupport;
using Lighten.Training.Tests.Support;
using TorchSharp;
using static Lighten.Training.Tests.Support.OpGraph;
using static TorchSharp.torch;

namespace Lighten.Training.Tests;

/// <summary>GraphModule trains: parameters get gradients, BatchNormalization statistics move, masks hold, weights go back to ONNX.</summary>
public class GraphModuleTrainingTests
{
    /// <summary>Conv → BN → Relu → GlobalAveragePool → Flatten → Gemm, a tiny classifier with dotted PyTorch-style names.</summary>
    private static Graph Classifier() => new OpGraph(seed: 2).Input("input", 4, 2, 6, 6)
        .Weight("features.0.weight", 8, 2, 3, 3).Weight("features.1.weight", 8).Weight("features.1.bias", 8)
        .Weight("features.1.running_mean", 8).Constant("features.1.running_var", TensorData.FromFloats([8], Enumerable.Repeat(1f, 8).ToArray()))
        .Weight("fc.weight", 3, 8).Weight("fc.bias", 3)
        .Node("Conv", ["input", "features.0.weight"], ["c"], Ints("pads", 1, 1, 1, 1))
        .Node("BatchNormalization", ["c", "features.1.weight", "features.1.bias", "features.1.running_mean", "features.1.running_var"], ["b"], Float("momentum", 0.8f))
        .Node("Relu", ["b"], ["r"]).Node("GlobalAveragePool", ["r"], ["p"]).Node("Flatten", ["p"], ["f"])
        .Node("Gemm", ["f", "fc.weight", "fc.bias"], ["output"], Int("transB", 1))
        .Build("output");

    private static (Tensor X, Tensor Y) Batch()
    {
        var generator = new Generator(7);
        var x = randn([4, 2, 6, 6], generator: generator);
        return (x, tensor(new long[] { 0, 1, 2, 1 }));
    }

    [Fact]
    public void WeightsAreParametersAndStatisticsBuffersWithValidNames()
    {
        using var module = new GraphModule(Classifier());
        Assert.Equal(["fc.bias", "fc.weight", "features.0.weight", "features.1.bias", "features.1.weight"], module.Weights.Order(StringComparer.Ordinal));
        Assert.Equal(["fc_bias", "fc_weight", "features_0_weight", "features_1_bias", "features_1_weight"],
            module.named_parameters().Select(p => p.name).Order(StringComparer.Ordinal));
        Assert.Equal(["features_1_running_mean", "features_1_running_var"], module.named_buffers().Select(b => b.name).Order(StringComparer.Ordinal));
        Assert.Equal("features_0_weight", module.ModuleNames["features.0.weight"]);
    }

    [Fact]
    public void TrainingStepsChangeWeightsAndLowerTheLoss()
    {
        using var scope = NewDisposeScope();
        using var module = new GraphModule(Classifier());
        var before = module.ValueOf("features.0.weight").clone();
        var (x, y) = Batch();
        using var optimizer = optim.SGD(module.parameters(), 0.1, momentum: 0.9);
        module.train();
        var losses = new List<double>();
        for (int step = 0; step < 15; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(module.forward(x), y);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        Assert.True(losses[^1] < losses[0] * 0.7, $"loss went from {losses[0]:g3} to {losses[^1]:g3}");
        Assert.False(before.allclose(module.ValueOf("features.0.weight")));
        Assert.All(module.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void TrainingModeUpdatesRunningStatisticsWithOnnxMomentum()
    {
        using var scope = NewDisposeScope();
        var graph = new OpGraph().Input("x", 3, 2, 2, 2).Weight("s", 2).Weight("b", 2)
            .FloatConst("m", 1f, -1f).FloatConst("v", 1f, 2f)
            .Op("BatchNormalization", ["x", "s", "b", "m", "v"], Float("momentum", 0.75f)).Build();
        using var module = new GraphModule(graph);
        var x = arange(24, dtype: float32).reshape(3, 2, 2, 2);
        module.train();
        module.forward(x);
        // Channel 0 holds 0-3, 8-11, 16-19: mean 9.5, unbiased variance Σ(v - 9.5)² / 11 = 527 / 11; channel 1 is 4 more.
        var mean = module.ValueOf("m").data<float>().ToArray();
        var variance = module.ValueOf("v").data<float>().ToArray();
        Assert.Equal(0.75 * 1 + 0.25 * 9.5, mean[0], 4);
        Assert.Equal(0.75 * -1 + 0.25 * 13.5, mean[1], 4);
        Assert.Equal(0.75 * 1 + 0.25 * 527 / 11, variance[0], 3);
        Assert.Equal(0.75 * 2 + 0.25 * 527 / 11, variance[1], 3);

        module.eval();
        var eval = module.forward(x);
        var stats = module.ToGraph().Initializers;
        Assert.Equal(mean, stats["m"].ToFloatArray());
        Assert.Equal(variance, stats["v"].ToFloatArray());
        Assert.Equal(eval.shape, x.shape);
    }

    [Fact]
    public void MasksKeepTheirZerosThroughOptimizerSteps()
    {
        using var scope = NewDisposeScope();
        using var module = new GraphModule(Classifier());
        var weight = module.ValueOf("features.0.weight");
        var mask = (rand(weight.shape, generator: new Generator(3)) > 0.5).to_type(float32);
        module.SetMask("features.0.weight", mask);
        Assert.Equal(["features.0.weight"], module.MaskedWeights);
        var (x, y) = Batch();
        using var optimizer = optim.SGD(module.parameters(), 0.1, momentum: 0.9, weight_decay: 1e-3);
        module.train();
        var start = weight.clone();
        for (int step = 0; step < 5; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(module.forward(x), y).backward();
            optimizer.step();
            module.ApplyMasks();
        }
        weight = module.ValueOf("features.0.weight");
        Assert.Equal(0f, (weight * (1 - mask)).abs().sum().item<float>());
        Assert.False((weight * mask).allclose(start * mask), "the unmasked weights should train");
        var exported = module.ToGraph().Initializers["features.0.weight"].ToFloatArray();
        var kept = mask.flatten().data<float>().ToArray();
        Assert.All(exported.Zip(kept), p => Assert.True(p.Second != 0 || p.First == 0));
        Assert.Contains(module.named_buffers(), b => b.name == "mask_features_0_weight");
    }

    [Fact]
    public void MaskOfAnUnknownWeightOrWrongShapeIsRefused()
    {
        using var module = new GraphModule(Classifier());
        using var scope = NewDisposeScope();
        Assert.Throws<GraphModuleException>(() => module.SetMask("features.1.running_mean", ones(8)));
        var e = Assert.Throws<GraphModuleException>(() => module.SetMask("fc.weight", ones(8, 3)));
        Assert.Contains("shape", e.Message);
    }

    [Fact]
    public void TrainedGraphRoundTripsThroughOnnxAndRuntimeAgrees()
    {
        using var scope = NewDisposeScope();
        var graph = Classifier();
        using var module = new GraphModule(graph);
        var (x, y) = Batch();
        using var optimizer = optim.Adam(module.parameters(), 0.05);
        module.train();
        for (int step = 0; step < 3; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(module.forward(x), y).backward();
            optimizer.step();
        }
        var trained = module.ToGraph();
        Assert.False(trained.Initializers["fc.weight"].ContentEquals(graph.Initializers["fc.weight"]));
        Assert.False(trained.Initializers["features.1.running_mean"].ContentEquals(graph.Initializers["features.1.running_mean"]));
        var dir = TestTemp.CreateSubdirectory("lighten-train-");
        try
        {
            var path = Path.Combine(dir.FullName, "trained.onnx");
            OnnxExporter.Save(trained, path);
            using var session = OrtRunner.Open(path);
            var inputs = OrtRunner.RandomInputs(session, seed: 9);
            var expected = OrtRunner.Run(session, inputs);
            var actual = ModuleRunner.Run(module, inputs);
            Assert.True(OrtRunner.MaxAbsDiff(expected, actual) <= 1e-4);
            using var reloaded = new GraphModule(OnnxImporter.Load(path));
            Assert.True(OrtRunner.MaxAbsDiff(expected, ModuleRunner.Run(reloaded, inputs)) <= 1e-4);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void DropoutIsActiveOnlyWhileTraining()
    {
        using var scope = NewDisposeScope();
        var graph = new OpGraph().Input("x", 1000).FloatConst("ratio", 0.5f).Op("Dropout", ["x", "ratio"]).Build();
        using var module = new GraphModule(graph);
        var x = ones(1000);
        module.train();
        var zeros = (module.forward(x) == 0).sum().item<long>();
        Assert.InRange(zeros, 400, 600);
        module.eval();
        Assert.True(module.forward(x).allclose(x));
    }
}
