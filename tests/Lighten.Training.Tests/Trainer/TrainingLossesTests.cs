using Lighten.Training.Trainer;
using static TorchSharp.torch;

namespace Lighten.Training.Tests.Trainer;

public class TrainingLossesTests
{
    [Fact]
    public void HeatmapMseWeighsJointsAsJointsMseLoss()
    {
        using var scope = NewDisposeScope();
        // Two samples, two joints, 1x2 heatmaps; the target is zero, so each squared error is the prediction squared.
        var predicted = tensor(new float[] { 1, 2, 3, 4, 1, 1, 2, 2 }, [2, 2, 1, 2]);
        var target = zeros(2, 2, 1, 2);
        var weights = tensor(new float[] { 1, 0, 1, 0.5f }, [2, 2]);
        // Sample 0: joint 0 (1² + 2²), joint 1 weighted 0. Sample 1: joint 0 (1 + 1), joint 1 (0.5 x 2)² x 2 = 2.
        // 0.5 x (5 + 0 + 2 + 2) / 8 elements.
        Assert.Equal(0.5 * 9 / 8, TrainingLosses.HeatmapMse(predicted, target, weights).item<float>(), 6);
        Assert.Equal(0.5 * (1 + 4 + 9 + 16 + 1 + 1 + 4 + 4) / 8.0, TrainingLosses.HeatmapMse(predicted, target).item<float>(), 6);
    }

    [Fact]
    public void SoftenedKlOfHandPickedLogits()
    {
        using var scope = NewDisposeScope();
        var student = tensor(new float[] { 0, 0 }, [1, 2]);
        var teacher = tensor(new float[] { (float)Math.Log(3), 0 }, [1, 2]);
        // T = 1: teacher (3/4, 1/4), student (1/2, 1/2).
        Assert.Equal(0.75 * Math.Log(1.5) + 0.25 * Math.Log(0.5), TrainingLosses.SoftenedKl(student, teacher, 1).item<float>(), 6);
        // T = 2: teacher softmax(ln3 / 2, 0) = (√3, 1) / (√3 + 1); the loss is scaled by T² = 4.
        double p = Math.Sqrt(3) / (Math.Sqrt(3) + 1), q = 1 - p;
        Assert.Equal(4 * (p * Math.Log(2 * p) + q * Math.Log(2 * q)), TrainingLosses.SoftenedKl(student, teacher, 2).item<float>(), 5);
    }

    [Fact]
    public void SoftenedKlAveragesOverTheBatchAndVanishesForEqualLogits()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 0, 0, 5 }, [2, 3]);
        Assert.Equal(0, TrainingLosses.SoftenedKl(a, a.clone(), 3).item<float>(), 6);
        var student = tensor(new float[] { 0, 0, 0, 0 }, [2, 2]);
        var teacher = tensor(new float[] { (float)Math.Log(3), 0, 0, 0 }, [2, 2]);
        Assert.Equal((0.75 * Math.Log(1.5) + 0.25 * Math.Log(0.5)) / 2, TrainingLosses.SoftenedKl(student, teacher, 1).item<float>(), 6);
    }
}
