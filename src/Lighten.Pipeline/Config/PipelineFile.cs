using Lighten.Data.Pose;
using Lighten.Core.Zoo;
using Lighten.Data.Imaging;

namespace Lighten.Pipeline.Config;

/// <summary>Reads a pipeline YAML file into a <see cref="PipelineConfig"/>; every error names the line, the key and what is allowed.</summary>
public static class PipelineFile
{
    private static readonly string[] RootKeys = ["model", "task", "data", "target", "requirements", "steps", "fine_tune", "stop_when_met", "seed", "benchmark_runs", "threads", "executor"];
    private static readonly string[] ModelKeys = ["file", "zoo", "train_epochs"];
    private static readonly string[] DataKeys = ["dir", "calibration", "calibration_count", "heatmap_sigma", "preprocess"];
    private static readonly string[] PreprocessKeys = ["size", "resize", "bgr", "scale", "mean", "std"];
    private static readonly string[] RequirementKeys = ["min_accuracy", "max_accuracy_drop", "max_latency_ms", "max_latency_ratio", "latency_on", "max_size_mb", "max_memory_mb"];
    private static readonly string[] StepKeys = ["g1", "g2", "g3", "g4", "g5"];
    private static readonly string[] G1Keys = ["enabled", "candidates", "adapter", "epochs"];
    private static readonly string[] G2Keys = ["enabled", "layers", "threshold", "bottleneck", "energy", "depthwise_separable"];
    private static readonly string[] G3Keys = ["enabled", "calibrator", "max_drop", "measure_layers"];
    private static readonly string[] G4Keys = ["enabled", "policy"];
    private static readonly string[] G5Keys = ["enabled", "mode", "ratio", "ratios", "initial_sparsity", "ramp_epochs", "prune_every"];
    private static readonly string[] ExecutorKeys = ["kind", "parallel", "partition", "cores", "memory_mb", "time_limit", "array_parallelism", "shared_dir"];
    private static readonly string[] SlurmOnlyKeys = ["partition", "memory_mb", "time_limit", "array_parallelism", "shared_dir"];
    private static readonly string[] FineTuneKeys = ["epochs", "batch", "lr", "distillation", "workers"];

    /// <summary>The tasks a pipeline runs.</summary>
    public static IReadOnlyList<string> Tasks { get; } = ["pose", "classify"];

    /// <summary>Reads <paramref name="path"/>; relative paths inside are taken from the file's folder.</summary>
    /// <exception cref="PipelineConfigException">The file is missing, malformed, or a key or value is not allowed.</exception>
    public static PipelineConfig Load(string path)
    {
        if (!File.Exists(path)) throw new PipelineConfigException("pipeline file not found", path);
        return Parse(File.ReadAllText(path), Path.GetDirectoryName(Path.GetFullPath(path))!, path);
    }

    /// <summary>Parses pipeline YAML <paramref name="text"/>; relative paths are resolved against <paramref name="baseDirectory"/>.</summary>
    public static PipelineConfig Parse(string text, string baseDirectory, string? file = null)
    {
        var root = YamlSection.Root(text, file, RootKeys);
        string Resolve(string p) => Path.GetFullPath(p, baseDirectory);

        var m = root.RequiredSection("model", ModelKeys);
        var zoo = m.String("zoo");
        var modelFile = m.String("file");
        if ((zoo is null) == (modelFile is null))
            throw m.ErrorAt(zoo is null ? "file" : "zoo", "'model' names either 'file' (an ONNX file) or 'zoo' (one of " + string.Join(", ", ModelZoo.Names) + "), not both and not neither");
        if (zoo is not null && !ModelZoo.Names.Contains(zoo))
            throw m.ErrorAt("zoo", $"'model.zoo' is '{zoo}'; allowed values: {string.Join(", ", ModelZoo.Names)}");
        var model = new ModelSpec(modelFile is null ? null : Resolve(modelFile), zoo, m.Integer("train_epochs", 1, 1000) ?? 3);

        var task = root.RequiredString("task", "the task", Tasks);
        var d = root.RequiredSection("data", DataKeys);
        var dir = Resolve(d.RequiredString("dir", "the folder holding train/ and val/"));
        var calibration = d.String("calibration") is { } c ? (c == "synthetic" ? c : Resolve(c)) : Path.Combine(dir, "train");
        var preprocess = ReadPreprocess(d);
        var sigma = d.Number("heatmap_sigma", 0.25, 32);
        if (sigma is not null && task != "pose")
            throw d.ErrorAt("heatmap_sigma", "'data.heatmap_sigma' is the width of the pose task's target heatmaps; this pipeline's task is '" + task + "'");

        var r = root.Section("requirements", RequirementKeys);
        var requirements = r is null ? new Requirements() : new Requirements
        {
            MinAccuracy = r.Number("min_accuracy", 0, 100),
            MaxAccuracyDrop = r.Number("max_accuracy_drop", 0, 100),
            MaxLatencyMs = r.Number("max_latency_ms", 0),
            MaxLatencyRatio = r.Number("max_latency_ratio", 0, 1),
            LatencyOn = r.String("latency_on", ["host", "target"]) == "target" ? LatencySource.Target : LatencySource.Host,
            MaxSizeMB = r.Number("max_size_mb", 0),
            MaxMemoryMB = r.Number("max_memory_mb", 0),
        };

        var s = root.Section("steps", StepKeys);
        var defaults = new StepSettings();
        var steps = s is null ? defaults : new StepSettings
        {
            G1 = Step(s, "g1", G1Keys, defaults.G1!, g => new BackboneStepSettings { Candidates = g.List("candidates", [.. ModelZoo.Names.Where(n => !n.StartsWith(ModelZoo.PosePrefix, StringComparison.Ordinal))]) ?? defaults.G1!.Candidates, Adapter = g.Flag("adapter") ?? false, Epochs = g.Integer("epochs", 1, 1000) }),
            G2 = Step(s, "g2", G2Keys, defaults.G2!, g => ReadG2(g, defaults.G2!)),
            G3 = Step(s, "g3", G3Keys, defaults.G3!, g => new QuantizeStepSettings
            {
                Calibrator = g.String("calibrator", ["minmax", "percentile", "entropy", "mse"]) ?? "percentile",
                MaxDrop = g.Number("max_drop", 0, 100) ?? 1,
                MeasureLayers = g.Flag("measure_layers") ?? true,
            }),
            G4 = Step(s, "g4", G4Keys, defaults.G4!, g => new Fp16StepSettings { Policy = g.String("policy", ["auto", "always", "never"]) ?? "auto" }),
            G5 = Step(s, "g5", G5Keys, defaults.G5!, g => new PruneStepSettings
            {
                Mode = g.String("mode", ["channel", "magnitude"]) ?? "channel",
                Ratios = ReadRatios(g),
                InitialSparsity = g.Number("initial_sparsity", 0, 0.95) ?? 0,
                RampEpochs = g.Number("ramp_epochs", 0, 1000),
                PruneEvery = g.Integer("prune_every", 1, 1_000_000) ?? Tuning.PruneOptions.DefaultPruneEvery,
            }),
        };

        var f = root.Section("fine_tune", FineTuneKeys);
        var fineTune = f is null ? new FineTuneSpec() : new FineTuneSpec
        {
            Epochs = f.Integer("epochs", 1, 1000) ?? 2,
            Batch = f.Integer("batch", 1, 4096) ?? 32,
            LearningRate = f.Number("lr", 1e-9, 10),
            Distillation = f.Number("distillation", 0, 1) ?? 0.5,
            Workers = f.Integer("workers", 1, 64),
        };

        return new PipelineConfig
        {
            Model = model,
            Task = task,
            Data = new DataSpec(dir, calibration, d.Integer("calibration_count", 1, 100_000) ?? 64, preprocess) { HeatmapSigma = (float)(sigma ?? HeatmapTarget.DefaultSigma) },
            Target = root.String("target") ?? "host",
            Requirements = requirements,
            Steps = steps,
            FineTune = fineTune,
            StopWhenMet = root.Flag("stop_when_met") ?? true,
            Seed = root.Integer("seed", 0) ?? 0,
            BenchmarkRuns = root.Integer("benchmark_runs", 5, 100_000) ?? 50,
            Threads = root.Integer("threads", 1, 1024),
            Executor = ReadExecutor(root, Resolve),
            BaseDirectory = Path.GetFullPath(baseDirectory),
        };
    }

    private static IReadOnlyList<double> ReadRatios(YamlSection g)
    {
        if (g.Has("ratio") && g.Has("ratios")) throw g.ErrorAt("ratios", "give either 'steps.g5.ratio' (one ratio) or 'steps.g5.ratios' (a sweep), not both");
        if (g.Numbers("ratios", 0.01, 0.95) is not { } ratios) return [g.Number("ratio", 0.01, 0.95) ?? 0.3];
        if (ratios.Count == 0) throw g.ErrorAt("ratios", "'steps.g5.ratios' lists no ratio");
        if (ratios.Distinct().Count() != ratios.Count) throw g.ErrorAt("ratios", "'steps.g5.ratios' lists a ratio twice");
        return ratios;
    }

    private static Trials.ExecutorSettings ReadExecutor(YamlSection root, Func<string, string> resolve)
    {
        var e = root.Section("executor", ExecutorKeys);
        if (e is null) return new Trials.ExecutorSettings();
        var kind = e.String("kind", Trials.ExecutorSettings.Kinds) ?? "inprocess";
        if (kind != "slurm" && SlurmOnlyKeys.FirstOrDefault(e.Has) is { } slurmOnly)
            throw e.ErrorAt(slurmOnly, $"'executor.{slurmOnly}' applies to kind slurm only (the kind is {kind})");
        if (kind != "local" && e.Has("parallel"))
            throw e.ErrorAt("parallel", $"'executor.parallel' applies to kind local only (the kind is {kind}; slurm limits with 'executor.array_parallelism')");
        TimeSpan? timeLimit = null;
        if (e.String("time_limit") is { } text)
            timeLimit = Trials.ExecutorSettings.ParseTimeLimit(text)
                ?? throw e.ErrorAt("time_limit", $"'executor.time_limit' is '{text}'; give minutes (90), H:MM:SS (1:30:00) or D-H:MM:SS (1-00:00:00)");
        return new Trials.ExecutorSettings
        {
            Kind = kind,
            Parallel = e.Integer("parallel", 1, 256) ?? 1,
            Partition = e.String("partition"),
            Cores = e.Integer("cores", 1, 1024),
            MemoryMb = e.Integer("memory_mb", 1, 16_777_216),
            TimeLimit = timeLimit,
            ArrayParallelism = e.Integer("array_parallelism", 1, 100_000),
            SharedDir = e.String("shared_dir") is { } shared ? resolve(shared) : null,
        };
    }

    private static T? Step<T>(YamlSection steps, string key, string[] keys, T fallback, Func<YamlSection, T> read) where T : class
    {
        var g = steps.Section(key, keys);
        if (g is null) return fallback;
        return g.Flag("enabled") == false ? null : read(g);
    }

    private static FactorizeStepSettings ReadG2(YamlSection g, FactorizeStepSettings defaults)
    {
        var threshold = g.Number("threshold", 0, 1);
        var energy = g.Number("energy", 0.01, 1);
        return new FactorizeStepSettings
        {
            Layers = g.List("layers") ?? (threshold is null ? defaults.Layers : []),
            Threshold = threshold,
            Bottleneck = energy is null ? g.Integer("bottleneck", 1, 65536) ?? defaults.Bottleneck : null,
            Energy = energy,
            DepthwiseSeparable = g.Flag("depthwise_separable") ?? false,
        };
    }

    private static Preprocess ReadPreprocess(YamlSection data)
    {
        var p = data.RequiredSection("preprocess", PreprocessKeys);
        try
        {
            return Preprocess.FromOptions(p.RequiredString("size", "the input size, e.g. 128x128"), p.String("resize"), p.Flag("bgr") ?? false,
                p.String("scale"), Joined(p, "mean"), Joined(p, "std"));
        }
        catch (Lighten.Core.OptionException e)
        {
            throw data.ErrorAt("preprocess", $"'data.preprocess': {e.Message}");
        }
    }

    private static string? Joined(YamlSection s, string key) => s.List(key) is { } values ? string.Join(",", values) : null;
}
