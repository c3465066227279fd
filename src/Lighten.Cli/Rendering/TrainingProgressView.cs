using Lighten.Training.Trainer;
using Spectre.Console;

namespace Lighten.Cli.Rendering;

/// <summary>
/// Spectre progress bars for a training run: one bar per epoch, showing the loss, learning rate and images per
/// second while it trains, then the validation, and finally the epoch's metric, which stays on screen.
/// </summary>
internal sealed class TrainingProgressView : IProgress<TrainingProgress>
{
    private readonly ProgressContext _context;
    private ProgressTask? _task;
    private int _epoch = -1;

    private TrainingProgressView(ProgressContext context) => _context = context;

    /// <summary>Runs <paramref name="train"/> with the bars on screen.</summary>
    public static T Run<T>(IAnsiConsole console, Func<IProgress<TrainingProgress>, T> train) =>
        console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context => train(new TrainingProgressView(context)));

    public void Report(TrainingProgress value)
    {
        if (value.Epoch != _epoch || _task is null)
        {
            _task?.StopTask();
            _epoch = value.Epoch;
            _task = _context.AddTask(Describe(value, ""), maxValue: Math.Max(1, value.Steps));
        }
        switch (value.Phase)
        {
            case TrainingPhase.Training:
                _task.MaxValue = value.Steps;
                _task.Value = value.Step;
                _task.Description = Describe(value, TrainingText.Step(value));
                break;
            case TrainingPhase.Validating:
                _task.Description = Describe(value, $"validating {value.Step}/{value.Steps}");
                break;
            case TrainingPhase.EpochEnd when value.Summary is { } summary:
                _task.Value = _task.MaxValue;
                _task.Description = Describe(value, TrainingText.Summary(summary, value.MetricName));
                _task.StopTask();
                break;
        }
    }

    private static string Describe(TrainingProgress value, string detail) =>
        Markup.Escape($"{TrainingText.Epoch(value.Epoch, value.Epochs),-13} {detail}");
}
