using Lighten.Training.Trainer;
using Spectre.Console;

namespace Lighten.Cli.Rendering;

/// <summary>Training progress for a console that cannot redraw (a pipe, a log file): one line per finished epoch.</summary>
internal sealed class TrainingLog(IAnsiConsole console) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value)
    {
        if (value.Summary is { } summary)
            console.WriteLine($"{TrainingText.Epoch(value.Epoch, value.Epochs)}: {TrainingText.Summary(summary, value.MetricName)}");
    }
}
