using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Measure;
using Lighten.Pipeline.Reports;
using Lighten.Pipeline.Stages;
using Lighten.Runtime;
using Lighten.TestSupport;
using Lighten.Training.Tests.Trainer;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Tests.Stages;

/// <summary>Scripted figures per stage id (read from the artifact's name, <c>NN-ID.onnx</c>), and a scripted side-by-side timing.</summary>
public sealed class FakeMeasurer(IReadOnlyDictionary<string, StageFigures> figures) : IStageMeasurer
{
    /// <summary>The stage ids measured, in order.</summary>
    public List<string> Measured { get; } = [];

    /// <summary>The stage ids timed side by side, in order.</summary>
    public List<string> Duels { get; } = [];

    /// <summary>The side-by-side timing of a candidate stage (null: none, the judge compares fastest runs).</summary>
    public Func<string, LatencyDuel?> Duel { get; init; } = _ => null;

    /// <summary>Called as a measurement starts (a test blocks here to interrupt the run inside it).</summary>
    public Action<string, CancellationToken> OnMeasure { get; init; } = (_, _) => { };

    public StageFigures Measure(string path, Metric? accuracy, CancellationToken cancellationToken)
    {
        var id = StageId(path);
        OnMeasure(id, cancellationToken);
        Measured.Add(id);
        return figures[id];
    }

    /// <summary>The stage ids timed side by side with the baseline while the model before them was another, in order.</summary>
    public List<string> BaselineDuels { get; } = [];

    /// <summary>The side-by-side timing of a candidate stage against the baseline (a latency ratio requirement on the host); null: <see cref="Duel"/>.</summary>
    public Func<string, LatencyDuel?>? AgainstBaseline { get; init; }

    public LatencyDuel? SideBySide(string currentPath, string candidatePath, CancellationToken cancellationToken)
    {
        var id = StageId(candidatePath);
        if (StageId(currentPath) == "baseline" && AgainstBaseline is { } against && Duels.Contains(id))
        {
            BaselineDuels.Add(id);
            return against(id);
        }
        Duels.Add(id);
        return Duel(id);
    }

    /// <summary>The stage id of a stage artifact (<c>NN-ID.onnx</c>), or STEP/LABEL of a trial's artifact (<c>trials/STEP/NN-LABEL-ID/model.onnx</c>).</summary>
    public static string StageId(string artifact)
    {
        var name = Path.GetFileNameWithoutExtension(artifact);
        if (name != "model") return name.Split('-', 2)[1];
        var folder = Path.GetDirectoryName(artifact)!;
        return $"{Path.GetFileName(Path.GetDirectoryName(folder))}/{Path.GetFileName(folder).Split('-')[1]}";
    }

    /// <summary>A duel whose rounds have the candidate at these ratios of the current model's time.</summary>
    public static LatencyDuel Rounds(params double[] ratios) => new(ratios, 100, 100 * ratios.Order().ElementAt(ratios.Length / 2));

    /// <summary>Figures with latency <paramref name="ms"/> (median, fastest run and target estimate alike).</summary>
    public static StageFigures Fig(double ms, double accuracy = 90, double sizeMB = 10, double memoryMB = 8, string precision = "fp32") =>
        new(accuracy, "top-1", 5, ms, ms * 1.1, ms, (long)(sizeMB * 1e6), 1_000_000, 10_000, (long)(memoryMB * 1e6), ms, precision);

    /// <summary>Each step faster than the one before it in Figure 9's order; G3 INT8, G4 FP16.</summary>
    public static Dictionary<string, StageFigures> Script() => new()
    {
        ["baseline"] = Fig(100), ["G1"] = Fig(80), ["G2"] = Fig(64),
        ["G3"] = Fig(50, sizeMB: 2.5, precision: "int8"), ["G4"] = Fig(45, sizeMB: 5, precision: "fp16"), ["G5"] = Fig(40, sizeMB: 2),
    };
}

/// <summary>A guideline step that writes a tweaked copy of the current model (or does what the test says) and counts its calls.</summary>
public sealed class ScriptedStep(string id) : IGuidelineStep
{
    public string Id => id;

    public string Title => "fake " + id;

    public Func<StageContext, string?> Skip { get; set; } = _ => null;

    public Func<StageContext, string, CancellationToken, StepProduct> Body { get; set; } = (c, artifact, _) => Tweak(c, artifact, id);

    public int Runs { get; private set; }

    public string? StartedFrom { get; private set; }

    public string? StartedFromFp32 { get; private set; }

    public string? SkipReason(StageContext context) => Skip(context);

    public StepProduct Run(StageContext context, string artifact, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Runs++;
        (StartedFrom, StartedFromFp32) = (context.CurrentPath, context.CurrentFp32Path);
        return Body(context, artifact, cancellationToken);
    }

    /// <summary>Writes the current model renamed after <paramref name="tag"/>: a valid, distinct, deterministic artifact.</summary>
    public static StepProduct Tweak(StageContext context, string artifact, string tag, Func<Graph, Graph>? change = null)
    {
        var graph = OnnxImporter.Load(context.CurrentPath);
        OnnxExporter.Save((change ?? (g => g))(graph with { Name = $"{graph.Name}+{tag}" }), artifact);
        return new StepProduct(true, [$"{tag} wrote a tweaked copy"]);
    }
}

/// <summary>Cancels a run when a stage starts.</summary>
public sealed class CancelAtStage(string id, CancellationTokenSource source) : IPipelineObserver
{
    public IProgress<TrainingProgress>? Training => null;

    public void StageStarted(string stageId, string title)
    {
        if (stageId == id) source.Cancel();
    }

    public void Status(string text) { }

    public void Progress(string task, int done, int total) { }

    public void StageFinished(StageRecord record, bool restored) { }
}

/// <summary>A tiny classifier, its pipeline and one scripted step per guideline id, in a temporary folder.</summary>
public sealed class RunnerBench : IDisposable
{
    public RunnerBench(TinyImageFolderFixture folder, string requirements, bool stopWhenMet = false, string target = "host")
    {
        Dir = TestTemp.CreateSubdirectory("lighten-branch-").FullName;
        var model = Path.Combine(Dir, "tiny.onnx");
        OnnxExporter.Save(TinyNet.Classifier(TinyImageFolder.Classes.Length, 32, seed: 1), model);
        Text = PipelineText(model, folder.Root, requirements, stopWhenMet, target);
        Config = PipelineFile.Parse(Text, Dir);
        Steps = new[] { "G1", "G2", "G3", "G4", "G5" }.ToDictionary(s => s, s => new ScriptedStep(s));
    }

    /// <summary>A classification pipeline on <paramref name="data"/> at 32x32 with <paramref name="requirements"/> (YAML lines), quick to measure.</summary>
    public static string PipelineText(string model, string data, string requirements, bool stopWhenMet = false, string target = "host") => $"""
        model:
          file: {model}
        task: classify
        data:
          dir: {data}
          preprocess:
            size: 32x32
        target: {target}
        requirements:
        {Indent(requirements)}
        stop_when_met: {(stopWhenMet ? "true" : "false")}
        seed: 3
        benchmark_runs: 5
        threads: 1
        """;

    public string Dir { get; }

    public string Text { get; }

    public PipelineConfig Config { get; }

    public Dictionary<string, ScriptedStep> Steps { get; }

    /// <summary>A registry of <see cref="Steps"/>, with <paramref name="real"/> in place of the fakes of their ids.</summary>
    public StepRegistry Registry(params IGuidelineStep[] real) => real.Aggregate(Steps.Values.Aggregate(new StepRegistry(), (r, s) => r.Add(s)), (r, s) => r.Add(s));

    public string Out(string name = "run") => Path.Combine(Dir, name);

    public PipelineReport Run(FakeMeasurer measurer, string name = "run", bool resume = false, IPipelineObserver? observer = null,
        StepRegistry? registry = null, CancellationToken cancellationToken = default) =>
        GuidelineRunner.Run(Config, Text, Out(name), resume, observer, registry ?? Registry(), measurer, cancellationToken);

    /// <summary>Runs' calls per step id.</summary>
    public IReadOnlyList<int> Calls => [.. Steps.Values.Select(s => s.Runs)];

    public string Markdown(string name = "run") => File.ReadAllText(Path.Combine(Out(name), ReportWriter.Markdown));

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    private static string Indent(string lines) => string.Join("\n", lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l.Trim()));
}
