using Lighten.Core;
using Lighten.Core.IO;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Journal;
using Lighten.Pipeline.Stages;
using Lighten.Runtime;
using Lighten.Training.Native;

namespace Lighten.Pipeline.Trials;

/// <summary>
/// Runs one trial — the one entry point every executor reaches, in this process or as <c>lighten trial --spec FILE
/// --index N</c> — and writes, in the trial's folder, its artifact, <c>result.json</c> (atomically) and then the
/// <c>done</c> marker. The trial re-reads the pipeline from its spec and pins its thread count, so its bytes are the same
/// whichever executor runs it.
/// </summary>
public static class TrialRunner
{
    /// <summary>The parameter holding the pipeline's YAML text.</summary>
    public const string PipelineParameter = "pipeline";

    /// <summary>The parameter holding the folder the pipeline's relative paths are resolved against.</summary>
    public const string PipelineDirectoryParameter = "pipeline_dir";

    /// <summary>The input holding the model the step starts from (the last kept FP32 model).</summary>
    public const string ModelInput = "model";

    /// <summary>The artifact's file name in the trial's folder.</summary>
    public const string ArtifactFile = "model.onnx";

    /// <summary>Runs trial <paramref name="index"/> of the spec file <paramref name="specFile"/>.</summary>
    /// <exception cref="LightenException">The spec file cannot be read, has no such index, or an input changed since it was written.</exception>
    public static TrialResult Run(string specFile, int index, CancellationToken cancellationToken, IPipelineObserver? observer = null) =>
        Run(TrialSpecFile.Load(specFile).At(index), cancellationToken, observer);

    /// <summary>Runs <paramref name="spec"/>.</summary>
    public static TrialResult Run(TrialSpec spec, CancellationToken cancellationToken, IPipelineObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        NativeEngine.Prepare();
        var directory = spec.OutputDirectory;
        Directory.CreateDirectory(directory);
        File.Delete(Path.Combine(directory, DoneMarker.FileName));
        File.Delete(Path.Combine(directory, TrialResult.FileName));
        foreach (var input in spec.Inputs)
            if (!File.Exists(input.Path) || RunJournal.Sha256Of(input.Path) != input.Sha256)
                throw new LightenException($"trial {spec.Index} of {spec.Step} ({spec.Label}): its input '{input.Name}' is missing or changed since the spec was written", input.Path);

        var context = Context(spec, observer ?? new SilentObserver());
        var artifact = Path.Combine(directory, ArtifactFile);
        var result = spec.Kind switch
        {
            TrialKinds.Backbone => BackboneSwapStep.RunTrial(context, spec, artifact, cancellationToken),
            TrialKinds.Prune => PruneStep.RunTrial(context, spec, artifact, cancellationToken),
            _ => throw new LightenException($"trial {spec.Index} of {spec.Step} has unknown kind '{spec.Kind}' (known: {TrialKinds.Backbone}, {TrialKinds.Prune})"),
        };
        result = result with { Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1) };
        result.Save(directory);
        DoneMarker.Write(directory, result);
        return result;
    }

    /// <summary>The step's view rebuilt from the spec: the pipeline at the trial's threads, its data and target, the model it starts from.</summary>
    private static StageContext Context(TrialSpec spec, IPipelineObserver observer)
    {
        var text = spec.Parameter(PipelineParameter);
        var config = PipelineFile.Parse(text, spec.Parameter(PipelineDirectoryParameter)) with { Threads = spec.Threads };
        var target = TargetChoice.Resolve(config.Target, LightenCache.Directory).Profile;
        var model = spec.Input(ModelInput);
        return new StageContext(config, Lighten.Pipeline.GuidelineRunner.LoadData(config), target, new SessionOptionsSpec { IntraOpThreads = spec.Threads },
            spec.OutputDirectory, observer)
        {
            CurrentPath = model,
            CurrentFp32Path = model,
            PipelineText = text,
        };
    }
}
