using Lighten.Training.Trainer;

namespace Lighten.Training.Tests.Trainer;

public class LearningRateScheduleTests
{
    [Theory]
    [InlineData(0, 0.05)]      // warm-up: 0.1 x 1/2
    [InlineData(1, 0.1)]       // warm-up: 0.1 x 2/2
    [InlineData(2, 0.1)]       // cosine t = 0
    [InlineData(6, 0.05)]      // t = 4/8: (1 + cos(pi/2)) / 2
    [InlineData(9, 0.0038060233744356625)] // t = 7/8: 0.05 x (1 + cos(7pi/8))
    public void CosineWithWarmup(int step, double expected) =>
        Assert.Equal(expected, new LearningRateSchedule(ScheduleKind.Cosine, 0.1, TotalSteps: 10, WarmupSteps: 2).RateAt(step), 12);

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(3, 0.1)]
    [InlineData(4, 0.01)]
    [InlineData(7, 0.01)]
    [InlineData(8, 0.001)]
    [InlineData(11, 0.001)]
    public void StepEveryFourSteps(int step, double expected) =>
        Assert.Equal(expected, new LearningRateSchedule(ScheduleKind.Step, 0.1, TotalSteps: 12, StepSize: 4, Gamma: 0.1).RateAt(step), 12);

    [Theory]
    [InlineData(0, 0.025)]
    [InlineData(3, 0.1)]
    [InlineData(4, 0.05)]
    [InlineData(9, 0.025)]
    public void StepWithWarmupCountsFromTheFirstStep(int step, double expected) =>
        Assert.Equal(expected, new LearningRateSchedule(ScheduleKind.Step, 0.1, TotalSteps: 12, WarmupSteps: 4, StepSize: 4, Gamma: 0.5).RateAt(step), 12);

    [Fact]
    public void ForOptionsCountsStepsPerEpoch()
    {
        var schedule = LearningRateSchedule.For(new TrainingOptions { Epochs = 10, WarmupEpochs = 1.5, LearningRate = 0.2, Schedule = ScheduleKind.Step, StepEpochs = 3, StepGamma = 0.5 }, stepsPerEpoch: 4);
        Assert.Equal(new LearningRateSchedule(ScheduleKind.Step, 0.2, 40, 6, 12, 0.5), schedule);
        var defaults = LearningRateSchedule.For(new TrainingOptions { Epochs = 9, Schedule = ScheduleKind.Step }, stepsPerEpoch: 2);
        Assert.Equal(6, defaults.StepSize); // a decay at each third of the run
        Assert.Equal(0.001, defaults.BaseRate); // AdamW's default
    }
}
