using System.Text.Json;
using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Core.Zoo;
using Lighten.Data.Metrics;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Journal;
using Lighten.Pipeline.Judging;
using Lighten.Pipeline.Stages;
using Lighten.Pipeline.Tuning;
using Lighten.Runtime;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Demo;

/// <summary>
/// The demo's three guards, measured on its validation set before the guideline runs, so that its accuracy column can be
/// read: the mean-pose guesser (no image at all) scores at most 12 %, the untrained baseline (the same zoo model and
/// seed) below 5 %, and the zoo's smallest pose model trained with the baseline's budget at least 5 points below the
/// baseline. They are kept in <c>guards/guards.json</c> so that <c>--resume</c> does not measure them again.
/// </summary>
public static class DemoGuards
{
    /// <summary>The folder under the demo's output that holds the guards' files.</summary>
    public const string Folder = "guards";

    /// <summary>The zoo's smallest pose model, the tiny network of the third guard.</summary>
    public const string TinyModel = "pose_mobilenet_v3_small";

    /// <summary>The highest score the mean-pose guesser may reach.</summary>
    public const double GuesserAtMost = 0.12;

    /// <summary>The score an untrained network must stay below.</summary>
    public const double UntrainedBelow = 0.05;

    /// <summary>How far (a difference of scores) the tiny model must stay below the baseline.</summary>
    public const double TinyBelowBaselineBy = 0.05;

    private const string FileName = "guards.json";

    /// <summary>
    /// Measures the guards for <paramref name="config"/> (a pose pipeline whose model is a zoo model trained for
    /// <c>model.train_epochs</c>) into <c>DIR/guards</c>, or reads them back when <paramref name="resume"/> finds them there.
    /// </summary>
    public static IReadOnlyList<AccuracyGuard> Measure(PipelineConfig config, string outputDirectory, bool resume, IPipelineObserver observer,
        CancellationToken cancellationToken)
    {
        var dir = Path.Combine(outputDirectory, Folder);
        var file = Path.Combine(dir, FileName);
        if (resume && File.Exists(file))
            return JsonSerializer.Deserialize<List<AccuracyGuard>>(File.ReadAllText(file), RunJournal.Json) ?? [];
        if (!resume && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);

        var data = (PoseData)GuidelineRunner.LoadData(config);
        var session = new SessionOptionsSpec { IntraOpThreads = config.Threads };
        var context = new StageContext(config, data, TargetChoice.Resolve("host", LightenCache.Directory).Profile, session, dir, observer);
        string baseline = config.Model.Zoo!;
        int epochs = config.Model.TrainEpochs;

        observer.Status("guard: scoring the mean-pose guesser");
        double guesser = MeanPoseGuess.Score(data.Train, data.Validation);

        observer.Status($"guard: scoring an untrained {baseline}");
        var untrainedPath = Path.Combine(dir, $"untrained_{baseline}.onnx");
        OnnxExporter.Save(BaselineStage.BuildZoo(baseline, context), untrainedPath);
        double untrained = ModelTuning.Evaluate(untrainedPath, data, data.Preprocess, session, new EvaluationOptions(), cancellationToken).Primary.Value;
        File.Delete(untrainedPath);

        observer.Status($"guard: training {TinyModel} for {epochs} epoch(s), the baseline's budget");
        var tiny = context.FineTune("tiny", BaselineStage.BuildZoo(TinyModel, context), teacherPath: null, Path.Combine(dir, TinyModel + ".onnx"),
            cancellationToken, epochs, rateFactor: 1, validateFirst: false);

        List<AccuracyGuard> guards =
        [
            new("mean-pose guesser", "the training set's mean pose in every validation crop, no image read", guesser, GuardRule.AtMost, GuesserAtMost),
            new($"untrained {baseline}", $"the baseline's zoo model and seed before any training, in ONNX Runtime", untrained, GuardRule.Below, UntrainedBelow),
            new($"tiny {TinyModel}", $"trained from scratch with the baseline's budget ({epochs} epoch(s), batch {config.FineTune.Batch}), in ONNX Runtime; {tiny.Training.Curve}",
                tiny.Evaluation.Primary.Value, GuardRule.BelowBaselineBy, TinyBelowBaselineBy),
        ];
        AtomicFile.WriteAllText(file, JsonSerializer.Serialize(guards, RunJournal.Json));
        return guards;
    }
}
