using Lighten.Core;

namespace Lighten.Training.Trainer;

/// <summary>
/// The learning rate at each optimizer step (0-based). During the first <see cref="WarmupSteps"/> steps it rises
/// linearly to the base rate: step s gets base x (s + 1) / warm-up. Afterwards a cosine schedule falls as
/// base x (1 + cos(pi x t)) / 2 with t the fraction of the post-warm-up steps done (0 at the first, reaching
/// zero after the last), and a step schedule is base x gamma^floor(s / step size), counted from step 0.
/// </summary>
/// <param name="Kind">Cosine or step.</param>
/// <param name="BaseRate">The peak learning rate.</param>
/// <param name="TotalSteps">Optimizer steps in the whole run.</param>
/// <param name="WarmupSteps">Steps of linear warm-up (0 for none).</param>
/// <param name="StepSize">Steps between two decays of a step schedule.</param>
/// <param name="Gamma">Decay factor of a step schedule.</param>
public sealed record LearningRateSchedule(ScheduleKind Kind, double BaseRate, int TotalSteps, int WarmupSteps = 0, int StepSize = 1, double Gamma = 0.1)
{
    /// <summary>The schedule of a run of <paramref name="stepsPerEpoch"/> steps per epoch under <paramref name="options"/>.</summary>
    public static LearningRateSchedule For(TrainingOptions options, int stepsPerEpoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepsPerEpoch);
        int total = options.Epochs * stepsPerEpoch;
        int warmup = Math.Min(total, (int)Math.Round(options.WarmupEpochs * stepsPerEpoch, MidpointRounding.AwayFromZero));
        int stepEpochs = options.StepEpochs ?? Math.Max(1, (options.Epochs + 2) / 3);
        return new(options.Schedule, options.ResolvedLearningRate, total, warmup, stepEpochs * stepsPerEpoch, options.StepGamma);
    }

    /// <summary>The learning rate of step <paramref name="step"/> (0-based).</summary>
    public double RateAt(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (step < WarmupSteps) return BaseRate * (step + 1) / WarmupSteps;
        return Kind switch
        {
            ScheduleKind.Cosine => BaseRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1.0, (double)(step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps)))),
            ScheduleKind.Step => BaseRate * Math.Pow(Gamma, step / Math.Max(1, StepSize)),
            _ => throw new OptionException($"unknown learning-rate schedule {Kind}"),
        };
    }
}
