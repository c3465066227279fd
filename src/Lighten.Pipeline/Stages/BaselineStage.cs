using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Preparation;
using Lighten.Data.Imaging;
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
            var prepared = Prepare(OnnxImporter.Load(file), context.Preprocess, file);
            GraphValidator.Validate(prepared.Graph);
            OnnxExporter.Save(prepared.Graph, artifact);
            return new StepProduct(true, [$"the given model {file}", .. prepared.Notes]);
        }
        var data = context.Data;
        var zoo = BuildZoo(spec.Zoo!, context);
        context.Observer.Status($"training {spec.Zoo} for {spec.TrainEpochs} epoch(s) on {data.TrainCount} samples");
        var tuned = context.FineTune(Id, zoo, teacherPath: null, artifact, cancellationToken, spec.TrainEpochs, rateFactor: 1, validateFirst: false);
        return new StepProduct(true, [$"{spec.Zoo} trained from scratch: {tuned.Training.Summary}"], tuned.Evaluation.Primary);
    }

    /// <summary>The zoo model <paramref name="name"/> for the pipeline's data, input size and seed, untrained.</summary>
    public static Graph BuildZoo(string name, StageContext context)
    {
        var data = context.Data;
        return ModelZoo.Build(name, new ZooOptions
        {
            InputHeight = context.Preprocess.Height,
            InputWidth = context.Preprocess.Width,
            Task = data is PoseData ? ZooTask.Pose : ZooTask.Classify,
            Classes = data is ClassificationData c ? c.Dataset.Classes.Count : new ZooOptions().Classes,
            Joints = data is PoseData p ? p.Joints : new ZooOptions().Joints,
            Seed = context.Config.Seed,
        });
    }

    /// <summary>
    /// The given model as every later step reads it: its image input's free height and width fixed to
    /// <c>preprocess.size</c> (the batch stays symbolic), constants folded, Identity and Dropout removed.
    /// </summary>
    /// <exception cref="OptionException">The model fixes an input size other than <c>preprocess.size</c>, or has no single 4-D image input.</exception>
    public static PreparedModel Prepare(Graph graph, Preprocess preprocess, string file)
    {
        if (graph.Inputs is not [{ Shape: { Rank: 4 } shape } input])
            throw new OptionException($"model.file '{file}': the pipeline feeds one image input [N, 3, H, W]; the model's inputs are "
                + string.Join(", ", graph.Inputs.Select(i => $"'{i.Name}' {i.Shape?.ToString() ?? "of unknown shape"}")));
        long[] size = [1, 3, preprocess.Height, preprocess.Width];
        for (int d = 1; d < 4; d++)
            if (shape[d].Value is long known && known != size[d])
                throw new OptionException($"model.file '{file}': input '{input.Name}' is {shape} but preprocess.size gives "
                    + $"{preprocess.Width}x{preprocess.Height} (width x height) and 3 channels; make them agree");
        return ModelPreparation.Run(graph, new PreparationOptions { Normalize = true, KeepSymbolicBatch = true, InputShapes = new Dictionary<string, long[]> { [input.Name] = size } });
    }
}
