using Lighten.Core;
using Lighten.Data.Imaging;
using Lighten.Training.Trainer;

namespace Lighten.Training.Tests.Trainer;

public sealed class SparsityScheduleTests(TinyImageFolderFixture folder) : IClassFixture<TinyImageFolderFixture>
{
    private const int Size = 32;
    private const string Weight = "conv2.weight";

    private ClassificationData Data() => ClassificationData.Load(folder.Root, new Preprocess(Size, Size));

    private static readonly TrainingOptions Fast = new() { BatchSize = 8, LearningRate = 0.01, WeightDecay = 0, Seed = 3 };

    [Fact]
    public void SparsityFollowsTheCubicScheduleAndHoldsBetweenUpdates()
    {
        // s_t = 0.8 + (0 - 0.8)(1 - (t - 0)/(4·2))³
        var s = new SparsitySchedule([Weight], 0, 0.8, 0, 4, 2);
        Assert.Equal(0, s.At(0), 12);
        Assert.Equal(0.8 - 0.8 * Math.Pow(0.75, 3), s.At(2), 12);
        Assert.Equal(s.At(2), s.At(3), 12);
        Assert.Equal(0.8 - 0.8 * Math.Pow(0.25, 3), s.At(6), 12);
        Assert.Equal(0.8, s.At(8), 12);
        Assert.Equal(0.8, s.At(1000), 12);
        Assert.Equal(8, s.EndStep);
        Assert.Equal([0, 2, 4, 6, 8], Enumerable.Range(0, 20).Where(s.IsUpdate));

        var late = new SparsitySchedule([Weight], 0.2, 0.5, 10, 1, 5);
        Assert.Equal(0.2, late.At(3), 12);
        Assert.Equal(0.5, late.At(15), 12);
    }

    [Fact]
    public void UpdateZeroesExactlyTheSmallestShare()
    {
        var graph = TinyNet.Classifier(TinyImageFolder.Classes.Length, Size, 0);
        using var module = new GraphModule(graph);
        var schedule = new SparsitySchedule([Weight], 0, 0.6, 0, 0, 1);
        schedule.Update(module, 5);
        var original = graph.Initializers[Weight].ToFloatArray();
        var pruned = module.ToGraph().Initializers[Weight].ToFloatArray();
        int k = (int)Math.Floor(0.6 * original.Length);
        Assert.Equal(k, pruned.Count(v => v == 0));
        float threshold = original.Select(Math.Abs).Order().ElementAt(k);
        for (int i = 0; i < original.Length; i++)
            if (Math.Abs(original[i]) > threshold) Assert.Equal(original[i], pruned[i]);
    }

    [Fact]
    public void TrainingRaisesTheSparsityAndKeepsOnlyEpochsPastTheSchedule()
    {
        // 4 steps per epoch; the schedule ends at step 6, so epoch 1 (steps 1-4) can never be the kept one.
        var graph = TinyNet.Classifier(TinyImageFolder.Classes.Length, Size, 0);
        var schedule = new SparsitySchedule([Weight], 0, 0.75, 0, 3, 2);
        var result = ModelTrainer.Train(graph, Data(), Fast with { Epochs = 3, Sparsity = schedule, ValidateBeforeTraining = true });
        Assert.False(result.History[0].IsBest);
        Assert.False(result.History[1].IsBest);
        Assert.True(result.BestEpoch >= 2);
        var trained = result.Graph.Initializers[Weight].ToFloatArray();
        Assert.Equal((int)Math.Floor(0.75 * trained.Length), trained.Count(v => v == 0));
        Assert.NotEqual(graph.Initializers[Weight].ToFloatArray().Where(v => v != 0), trained.Where(v => v != 0));
    }

    [Fact]
    public void AScheduleLongerThanTheTrainingIsRefused()
    {
        var graph = TinyNet.Classifier(TinyImageFolder.Classes.Length, Size, 0);
        var e = Assert.Throws<OptionException>(() => ModelTrainer.Train(graph, Data(), Fast with { Epochs = 1, Sparsity = new SparsitySchedule([Weight], 0, 0.5, 0, 10, 2) }));
        Assert.Contains("ends at step 20, after the 4 steps", e.Message);
        Assert.Throws<OptionException>(() => new SparsitySchedule([Weight], 0.9, 0.5, 0, 1, 1).Validate());
        Assert.Throws<OptionException>(() => new SparsitySchedule([], 0, 0.5, 0, 1, 1).Validate());
    }
}
