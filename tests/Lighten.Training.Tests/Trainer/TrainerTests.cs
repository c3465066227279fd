using Lighten.Core;
using Lighten.Data.Imaging;
using Lighten.TestSupport;
using Lighten.Training.Trainer;

namespace Lighten.Training.Tests.Trainer;

public sealed class TrainerTests(TinyImageFolderFixture folder) : IClassFixture<TinyImageFolderFixture>
{
    private const int Size = 32;

    private ClassificationData Data() => ClassificationData.Load(folder.Root, new Preprocess(Size, Size));

    private static Graph Net(int seed = 0) => TinyNet.Classifier(TinyImageFolder.Classes.Length, Size, seed);

    private static readonly TrainingOptions Fast = new() { BatchSize = 8, LearningRate = 0.01, WeightDecay = 0, Seed = 3 };

    [Fact]
    public void TinyClassifierLearnsTheClasses()
    {
        var reports = new List<TrainingProgress>();
        var result = ModelTrainer.Train(Net(), Data(), Fast with { Epochs = 10 }, new Recorder(reports));
        Assert.Equal(StopReason.Completed, result.Stop);
        Assert.True(result.BestMetric >= 0.9, $"top-1 {result.BestMetric} after: {string.Join(", ", result.History.Select(h => $"{h.Metric:F2}"))}");
        Assert.Equal("top1", result.MetricName);
        Assert.Equal(10, result.History.Count);
        Assert.True(result.History[^1].Loss < result.History[0].Loss);
        Assert.Equal(result.BestEpoch, result.History.Single(h => h.Epoch == result.BestEpoch).Epoch);
        Assert.Contains(reports, r => r.Phase == TrainingPhase.Training && r.Step == 4 && r.Steps == 4 && r.ImagesPerSecond > 0);
        Assert.Contains(reports, r => r.Phase == TrainingPhase.Validating);
        Assert.Equal(10, reports.Count(r => r.Phase == TrainingPhase.EpochEnd));
    }

    [Fact]
    public void MixedPrecisionBf16TrainsWithFloat32MasterWeights()
    {
        var result = ModelTrainer.Train(Net(), Data(), Fast with { Epochs = 6, MixedPrecision = MixedPrecision.Bf16 });
        Assert.Equal(StopReason.Completed, result.Stop);
        Assert.True(result.History[^1].Loss < result.History[0].Loss, string.Join(", ", result.History.Select(h => $"{h.Loss:g3}")));
        Assert.True(result.BestMetric >= 0.6, $"top-1 {result.BestMetric} after: {string.Join(", ", result.History.Select(h => $"{h.Metric:F2}"))}");
        Assert.All(result.Graph.Initializers.Values.Where(t => t.ElementType.IsFloat()), t => Assert.Equal(ElementType.Float, t.ElementType));
    }

    [Fact]
    public void NonFiniteLossStopsAndKeepsTheLastGoodWeights()
    {
        // Epoch 1 trains normally; from epoch 2 the step schedule multiplies the rate by 1e37, so the weights blow up.
        var options = Fast with { Optimizer = OptimizerKind.Sgd, Schedule = ScheduleKind.Step, StepEpochs = 1, StepGamma = 1e37 };
        var good = ModelTrainer.Train(Net(), Data(), options with { Epochs = 1 });
        var result = ModelTrainer.Train(Net(), Data(), options with { Epochs = 3 });
        Assert.Equal(StopReason.NonFiniteLoss, result.Stop);
        Assert.Contains("training stopped in epoch 2", result.Message);
        Assert.Contains("the loss became", result.Message);
        Assert.Contains("kept the weights of epoch 1", result.Message);
        Assert.Equal(1, result.BestEpoch);
        Assert.Single(result.History);
        AssertSameWeights(good.Graph, result.Graph);
        Assert.All(result.Graph.Initializers.Values, t => Assert.All(t.ToFloatArray(), v => Assert.True(float.IsFinite(v))));
    }

    [Fact]
    public void ResumedRunEndsWithTheWeightsOfAnUninterruptedRun()
    {
        var root = TestTemp.CreateSubdirectory("lighten-resume-").FullName;
        try
        {
            var options = Fast with { Epochs = 3, Optimizer = OptimizerKind.Sgd, CheckpointDirectory = Path.Combine(root, "a") };
            var uninterrupted = ModelTrainer.Train(Net(), Data(), options);

            var interrupted = options with { CheckpointDirectory = Path.Combine(root, "b") };
            using var cancel = new CancellationTokenSource();
            var stopAfterFirst = new Recorder([], r => { if (r.Phase == TrainingPhase.EpochEnd && r.Epoch == 1) cancel.Cancel(); });
            Assert.ThrowsAny<OperationCanceledException>(() => ModelTrainer.Train(Net(), Data(), interrupted, stopAfterFirst, cancel.Token));
            Assert.True(File.Exists(Path.Combine(root, "b", "checkpoint.lighten")));

            var resumed = ModelTrainer.Train(Net(), Data(), interrupted with { Resume = true });
            Assert.Equal(1, resumed.ResumedAfterEpoch);
            Assert.Equal(3, resumed.History.Count);
            Assert.Equal(uninterrupted.History.Select(h => h.Metric), resumed.History.Select(h => h.Metric));
            Assert.Equal(uninterrupted.BestEpoch, resumed.BestEpoch);
            AssertSameWeights(uninterrupted.Graph, resumed.Graph);

            var other = Assert.Throws<OptionException>(() => ModelTrainer.Train(Net(), Data(), interrupted with { Resume = true, Seed = 9 }));
            Assert.Contains("different run (seed", other.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void MaskedWeightsKeepTheirZeros()
    {
        var graph = Net();
        var weight = graph.Initializers["conv2.weight"];
        var mask = weight.ToFloatArray().Select((_, i) => i % 3 == 0 ? 0f : 1f).ToArray();
        var result = ModelTrainer.Train(graph, Data(), Fast with { Epochs = 1, Masks = new Dictionary<string, TensorData> { ["conv2.weight"] = TensorData.FromFloats(weight.Dims, mask) } });
        var trained = result.Graph.Initializers["conv2.weight"].ToFloatArray();
        Assert.All(trained.Where((_, i) => i % 3 == 0), v => Assert.Equal(0f, v));
        Assert.NotEqual(weight.ToFloatArray()[1], trained[1]);
    }

    [Fact]
    public void DistillationTrainsWithATeacherOfTheSameOutput()
    {
        var teacher = ModelTrainer.Train(Net(seed: 5), Data(), Fast with { Epochs = 2 }).Graph;
        var result = ModelTrainer.Train(Net(), Data(), Fast with { Epochs = 1, Distillation = new DistillationOptions(teacher) { Alpha = 0.3, Temperature = 2 } });
        Assert.True(double.IsFinite(result.History[0].Loss) && result.History[0].Loss > 0);

        var wrong = TinyNet.Classifier(5, Size);
        var e = Assert.Throws<OptionException>(() => ModelTrainer.Train(Net(), Data(), Fast with { Epochs = 1, Distillation = new DistillationOptions(wrong) }));
        Assert.Contains("same output shape", e.Message);
    }

    [Fact]
    public void ValidatingTheStartCountsItAsEpochZeroAndKeepsItUnlessBeaten()
    {
        var trained = ModelTrainer.Train(Net(), Data(), Fast with { Epochs = 4 }).Graph;
        // A learning rate of zero leaves the weights; only the BatchNormalization statistics move in training mode.
        var result = ModelTrainer.Train(trained, Data(), Fast with { Epochs = 2, LearningRate = 1e-30, ValidateBeforeTraining = true });
        Assert.Equal([0, 1, 2], result.History.Select(h => h.Epoch));
        Assert.True(result.History[0].IsBest);
        var best = result.History.First(h => h.Metric == result.History.Max(m => m.Metric));
        Assert.Equal(best.Epoch, result.BestEpoch);
        if (result.BestEpoch == 0) AssertSameWeights(trained, result.Graph);
    }

    [Fact]
    public void EarlyStoppingEndsARunThatStoppedImproving()
    {
        // With a rate of 1e-30 only the BatchNormalization statistics move, so the metric soon stops rising.
        var result = ModelTrainer.Train(Net(), Data(), Fast with { Epochs = 8, LearningRate = 1e-30, Patience = 2 });
        Assert.Equal(StopReason.EarlyStopped, result.Stop);
        Assert.Contains("has not improved for 2 epochs", result.Message);
        Assert.Equal(result.BestEpoch + 2, result.History.Count);
        Assert.All(result.History.Skip(result.BestEpoch), h => Assert.True(h.Metric <= result.BestMetric));
    }

    [Fact]
    public void InputOfAnotherSizeIsRefused()
    {
        var e = Assert.Throws<OptionException>(() => ModelTrainer.Train(TinyNet.Classifier(3, 48), Data(), Fast));
        Assert.Contains("option 'size' 32x32", e.Message);
    }

    private static void AssertSameWeights(Graph expected, Graph actual)
    {
        foreach (var (name, value) in expected.Initializers)
        {
            var a = value.ToFloatArray();
            var b = actual.Initializers[name].ToFloatArray();
            Assert.True(a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= 1e-6f), $"{name} differs");
        }
    }

    private sealed class Recorder(List<TrainingProgress> reports, Action<TrainingProgress>? also = null) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            reports.Add(value);
            also?.Invoke(value);
        }
    }
}
