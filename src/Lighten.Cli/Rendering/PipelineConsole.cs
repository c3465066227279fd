using Lighten.Pipeline.Reports;
using Lighten.Pipeline.Stages;
using Lighten.Training.Trainer;
using Spectre.Console;

namespace Lighten.Cli.Rendering;

/// <summary>Runs a pipeline with its progress on the console (bars when the console redraws, lines otherwise) and renders the final table.</summary>
internal static class PipelineConsole
{
    /// <summary>Runs <paramref name="run"/> with an observer suited to <paramref name="console"/>.</summary>
    public static PipelineReport Run(IAnsiConsole console, Func<IPipelineObserver, PipelineReport> run) =>
        console.Profile.Capabilities.Interactive
            ? console.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context => run(new ProgressObserver(context)))
            : run(new LineObserver(console));

    /// <summary>The final table, the requirements and where the run stopped.</summary>
    public static void Render(IAnsiConsole console, PipelineReport report, string directory)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("stage");
        foreach (var h in ReportFormat.Headers(report.Baseline.Figures!.Metric)) table.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
        foreach (var s in report.Stages)
            table.AddRow([Markup.Escape(ReportFormat.Label(s)), .. ReportFormat.Cells(s).Select(Markup.Escape)]);
        console.Write(table);
        console.WriteLine(ReportFormat.Summary(report));
        console.WriteLine(ReportFormat.StopNote(report));
        foreach (var failure in ReportFormat.Failures(report)) console.MarkupLine($"[red]{Markup.Escape(failure)}[/]");
        foreach (var r in report.FinalRequirements)
            console.MarkupLine((r.Met ? "[green]met[/]   " : "[red]FAILED[/] ") + Markup.Escape(r.Describe()));
        foreach (var g in report.Guards)
            console.MarkupLine((g.Met(report.BaselineScore) ? "[green]guard[/]  " : "[red]GUARD FAILS[/] ") + Markup.Escape(g.Describe(report.BaselineScore)));
        console.WriteLine($"reports: {Path.Combine(directory, ReportWriter.Markdown)}, {ReportWriter.JsonFile}, {ReportWriter.Html}; final model: {Path.Combine(directory, report.FinalModel)}");
    }

    private static string Outcome(StageRecord r, bool restored) =>
        $"{ReportFormat.Label(r)}: {r.Decision.ToString().ToLowerInvariant()}{(restored ? " (from the journal)" : "")} — {r.Reason}";

    private sealed class LineObserver(IAnsiConsole console) : IPipelineObserver
    {
        public IProgress<TrainingProgress>? Training { get; } = new TrainingLog(console);

        public void StageStarted(string id, string title) => console.WriteLine($"== {id}: {title}");

        public void Status(string text) => console.WriteLine("   " + text);

        public void Progress(string task, int done, int total) { }

        public void StageFinished(StageRecord record, bool restored) => console.WriteLine(Outcome(record, restored));
    }

    private sealed class ProgressObserver(ProgressContext context) : IPipelineObserver, IProgress<TrainingProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = [];
        private ProgressTask? _stage, _epochTask;
        private int _epoch = -1;

        public IProgress<TrainingProgress>? Training => this;

        public void StageStarted(string id, string title)
        {
            _stage = context.AddTask(Markup.Escape($"{id}: {title}"), maxValue: 1);
            _stage.IsIndeterminate = true;
            _tasks.Clear();
            _epoch = -1;
        }

        public void Status(string text)
        {
            if (_stage is not null) _stage.Description = Markup.Escape(text.Length > 70 ? text[..70] + "…" : text);
        }

        public void Progress(string task, int done, int total)
        {
            if (!_tasks.TryGetValue(task, out var t)) _tasks[task] = t = context.AddTask("   " + Markup.Escape(task));
            t.MaxValue = Math.Max(total, 1);
            t.Value = done;
        }

        public void StageFinished(StageRecord record, bool restored)
        {
            var task = _stage ?? context.AddTask("", maxValue: 1);
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            var text = Outcome(record, restored);
            var description = Markup.Escape(text.Length > 110 ? text[..110] + "…" : text);
            task.Description = record.Decision == StageDecision.Failed ? $"[red]{description}[/]" : description;
            task.StopTask();
            _epochTask?.StopTask();
            _stage = _epochTask = null;
        }

        public void Report(TrainingProgress value)
        {
            if (value.Epoch != _epoch || _epochTask is null)
            {
                _epochTask?.StopTask();
                _epoch = value.Epoch;
                _epochTask = context.AddTask("   " + Markup.Escape(TrainingText.Epoch(value.Epoch, value.Epochs)), maxValue: Math.Max(1, value.Steps));
            }
            if (value.Phase == TrainingPhase.Training)
            {
                _epochTask.MaxValue = Math.Max(1, value.Steps);
                _epochTask.Value = value.Step;
                _epochTask.Description = "   " + Markup.Escape($"{TrainingText.Epoch(value.Epoch, value.Epochs)} {TrainingText.Step(value)}");
            }
            else if (value.Summary is { } summary)
            {
                _epochTask.Value = _epochTask.MaxValue;
                _epochTask.Description = "   " + Markup.Escape($"{TrainingText.Epoch(value.Epoch, value.Epochs)} {TrainingText.Summary(summary, value.MetricName)}");
                _epochTask.StopTask();
            }
        }
    }
}
