using System.Globalization;
using Lighten.Core.Zoo;
using Lighten.Data.Imaging;
using Lighten.Data.Pose;
using Lighten.Training.Native;
using Lighten.Training.Trainer;

namespace Lighten.Bench.Training;

/// <summary>
/// One training recipe on a synthetic pose set, its learning curve (PCKh@0.5 of every epoch) printed and appended to a
/// CSV so that recipes can be compared epoch by epoch:
/// <c>pose-recipe --data DIR --size 64 [--model pose_resnet50] [--epochs 8] [--batch 32] [--lr R] [--warmup E]
/// [--optimizer adamw|sgd] [--schedule cosine|step] [--sigma S] [--scale-range X] [--rotation D] [--seed 0]
/// [--threads N] [--label NAME] [--csv FILE]</c>.
/// </summary>
public static class PoseRecipe
{
    public static int Run(string[] args)
    {
        var o = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) { Console.Error.WriteLine($"expected an option, got {args[i]}"); return 2; }
            o[args[i][2..]] = args[i + 1];
        }
        string Get(string key, string fallback) => o.TryGetValue(key, out var v) ? v : fallback;
        double D(string key, double fallback) => double.Parse(Get(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        int I(string key, int fallback) => (int)D(key, fallback);
        if (!o.TryGetValue("data", out var folder)) { Console.Error.WriteLine("usage: pose-recipe --data DIR [--size 64] ..."); return 2; }

        NativeEngine.Prepare();
        int size = I("size", 64);
        var preprocess = Preprocess.FromOptions($"{size}x{size}", null, false, null, null, null);
        var augmentation = new PoseAugmentation { ScaleRange = D("scale-range", 0.25), RotationDegrees = D("rotation", 30) };
        var loaded = PoseData.Load(folder, preprocess, augmentation);
        var data = new PoseData(loaded.Train, loaded.Validation, preprocess, augmentation, (float)D("sigma", HeatmapTarget.DefaultSigma));
        string model = Get("model", "pose_resnet50");
        int seed = I("seed", 0);
        var graph = ModelZoo.Build(model, new ZooOptions { InputHeight = size, InputWidth = size, Task = ZooTask.Pose, Joints = data.Joints, Seed = seed });
        if (Get("zero-init-residual", "false") == "true") graph = ZeroInitResidual(graph);
        var options = new TrainingOptions
        {
            Epochs = I("epochs", 8),
            BatchSize = I("batch", 32),
            Optimizer = Get("optimizer", "adamw") == "sgd" ? OptimizerKind.Sgd : OptimizerKind.AdamW,
            Schedule = Get("schedule", "cosine") == "step" ? ScheduleKind.Step : ScheduleKind.Cosine,
            LearningRate = o.ContainsKey("lr") ? D("lr", 0) : null,
            WarmupEpochs = D("warmup", 0),
            Seed = seed,
            Threads = o.ContainsKey("threads") ? I("threads", 2) : null,
            ValidateBeforeTraining = true,
        };
        string label = Get("label", "recipe");
        string csv = Get("csv", "pose-recipe.csv");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: mean-pose guesser {Lighten.Data.Metrics.MeanPoseGuess.Score(loaded.Train, loaded.Validation) * 100:0.00} %"));
        Console.WriteLine($"{label}: {model} {size}x{size}, {data.TrainCount} images, batch {options.BatchSize}, {options.Optimizer} lr {options.ResolvedLearningRate}, "
            + $"warm-up {options.WarmupEpochs}, {options.Schedule}, sigma {data.Sigma}, seed {seed}");
        if (!File.Exists(csv)) File.WriteAllText(csv, "label,epoch,loss,pckh,lr,train_s,img_per_s\n");
        var progress = new Progress(summary =>
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label} epoch {summary.Epoch}: loss {summary.Loss:0.00000} PCKh@0.5 {summary.Metric * 100:0.00} lr {summary.LearningRate:0.######} {summary.ImagesPerSecond:0.0} img/s {summary.TrainSeconds:0} s"));
            File.AppendAllText(csv, string.Create(CultureInfo.InvariantCulture,
                $"{label},{summary.Epoch},{summary.Loss:0.000000},{summary.Metric * 100:0.00},{summary.LearningRate:0.######},{summary.TrainSeconds:0.0},{summary.ImagesPerSecond:0.0}\n"));
        });
        var result = ModelTrainer.Train(graph, data, options, progress);
        Console.WriteLine($"{label}: best PCKh@0.5 {result.BestMetric * 100:0.00} at epoch {result.BestEpoch} ({result.Message})");
        return 0;
    }

    /// <summary>
    /// Each residual block's last BatchNorm weight set to zero (Goyal et al. 2017; torchvision's zero_init_residual), so
    /// that every block starts as the identity and a deep network trains like a shallow one at first.
    /// </summary>
    private static Lighten.Core.Graph ZeroInitResidual(Lighten.Core.Graph graph)
    {
        var last = graph.Initializers.Keys.Where(k => System.Text.RegularExpressions.Regex.IsMatch(k, @"^layer\d\.\d+\.bn(3|2)\.weight$")).ToList();
        var lastPerBlock = last.GroupBy(k => k[..k.IndexOf(".bn", StringComparison.Ordinal)]).Select(g => g.Max(StringComparer.Ordinal)!).ToList();
        var initializers = graph.Initializers;
        foreach (var name in lastPerBlock)
        {
            var t = initializers[name];
            initializers = initializers.SetItem(name, new Lighten.Core.TensorData(t.ElementType, t.Dims, new byte[t.ByteCount]));
        }
        Console.WriteLine($"zero-init-residual: {lastPerBlock.Count} BatchNorm weights set to 0");
        return graph with { Initializers = initializers };
    }

    private sealed class Progress(Action<EpochSummary> onEpoch) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Phase == TrainingPhase.EpochEnd && value.Summary is { } s) onEpoch(s);
        }
    }
}
