using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Core.Zoo;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Stages;

/// <summary>The starting point: the given ONNX file copied into the run, or a zoo model trained on the data (resumable by its checkpoint).</summary>
public static class BaselineStage
{
    /// <summary>The stage id.</summary>
    public const string Id = "baseline";

    /// <summary>Writes the baseline artifact and returns what was done.</summary>
    public static StepProduct Run(StageContext context, string artifact, CancellationToken cancellationToken)
    {
        var spec = context.Config.Model;
        if (spec.File is { } file)
        {
            var graph = OnnxImporter.Load(file);
            Lighten.Core.GraphValidator.Validate(graph);
            AtomicFile.WriteAllBytes(artifact, File.ReadAllBytes(file));
            return new StepProduct(true, [$"the given model {file}"]);
        }
        var data = context.Data;
        var zoo = ModelZoo.Build(spec.Zoo!, new ZooOptions
        {
            InputHeight = context.Preprocess.Height,
            InputWidth = context.Preprocess.Width,
            Task = data is PoseData ? ZooTask.Pose : ZooTask.Classify,
            Classes = data is ClassificationData c ? c.Dataset.Classes.Count : new ZooOptions().Classes,
            Joints = data is PoseData p ? p.Joints : new ZooOptions().Joints,
            Seed = context.Config.Seed,
        });
        context.Observer.Status($"training {spec.Zoo} for {spec.TrainEpochs} epoch(s) on {data.TrainCount} samples");
        var tuned = context.FineTune(Id, zoo, teacherPath: null, artifact, cancellationToken, spec.TrainEpochs, rateFactor: 1, validateFirst: false);
        return new StepProduct(true, [$"{spec.Zoo} trained from scratch: {tuned.Training.Message}"], tuned.Evaluation.Primary);
    }
}
