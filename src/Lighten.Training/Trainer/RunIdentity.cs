using System.Globalization;
using Lighten.Core;

namespace Lighten.Training.Trainer;

/// <summary>
/// What must stay the same for a checkpoint to continue a run exactly: model, data, batches, optimizer, schedule,
/// seed, distillation, masks. The number of epochs, patience and workers may change on resume.
/// </summary>
internal static class RunIdentity
{
    public static SortedDictionary<string, string> Of(Graph graph, GraphModule module, TrainingData data, TrainingOptions o)
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        long parameters = module.parameters().Sum(p => p.numel());
        var run = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["model"] = $"{graph.Name} ({parameters} parameters, {graph.Nodes.Length} nodes)",
            ["task"] = data.Task,
            ["data"] = $"{data.TrainCount} training and {data.ValidationCount} validation samples",
            ["preprocess"] = data.Preprocess.ToString(),
            ["batch"] = o.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["optimizer"] = $"{o.Optimizer} lr={N(o.ResolvedLearningRate)} wd={N(o.ResolvedWeightDecay)}" +
                (o.Optimizer == OptimizerKind.Sgd ? $" momentum={N(o.Momentum)} nesterov={o.Nesterov}" : ""),
            ["schedule"] = $"{o.Schedule} warmup={N(o.WarmupEpochs)}" + (o.Schedule == ScheduleKind.Step ? $" every={o.StepEpochs} gamma={N(o.StepGamma)}" : ""),
            ["seed"] = o.Seed.ToString(CultureInfo.InvariantCulture),
            ["masks"] = string.Join(",", (o.Masks?.Keys ?? []).Order(StringComparer.Ordinal)),
        };
        // Only a width other than the default joins the identity, so that checkpoints written before it was a choice still resume.
        if (data is PoseData { Sigma: var sigma } && sigma != Lighten.Data.Pose.HeatmapTarget.DefaultSigma) run["heatmap sigma"] = N(sigma);
        if (o.MixedPrecision != MixedPrecision.Off) run["precision"] = $"mixed {o.MixedPrecision}";
        if (o.Distillation is { } d) run["distillation"] = $"{d.Teacher.Name} alpha={N(d.Alpha)} T={N(d.Temperature)}";
        if (o.Sparsity is { } s) run["sparsity"] = $"{N(s.Initial)}->{N(s.Final)} from step {s.StartStep}, {s.Updates} updates every {s.Interval} steps, global={s.Global}, {s.Weights.Count} weights";
        return run;
    }
}
