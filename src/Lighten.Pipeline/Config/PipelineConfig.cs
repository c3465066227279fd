using Lighten.Data.Pose;
using Lighten.Data.Imaging;

namespace Lighten.Pipeline.Config;

/// <summary>What a pipeline file asks for: the model, its task and data, the target, the requirements, the steps allowed and the fine-tuning budget.</summary>
public sealed record PipelineConfig
{
    /// <summary>The model to lighten.</summary>
    public required ModelSpec Model { get; init; }

    /// <summary>"pose" or "classify".</summary>
    public required string Task { get; init; }

    /// <summary>Training, validation and calibration data with their preprocessing.</summary>
    public required DataSpec Data { get; init; }

    /// <summary>A built-in target name or the path of a YAML profile.</summary>
    public string Target { get; init; } = "host";

    /// <summary>Who ran the pipeline and with what budget, for the reports (set by <c>lighten demo</c>; not read from the file).</summary>
    public string? RunBy { get; init; }

    /// <summary>Reference scores measured for this run (the demo's guards), judged against the baseline in the reports; null for a pipeline file's run.</summary>
    public IReadOnlyList<Judging.AccuracyGuard>? Guards { get; init; }

    /// <summary>What the lightened model must satisfy.</summary>
    public Requirements Requirements { get; init; } = new();

    /// <summary>Which steps may run, with their settings.</summary>
    public StepSettings Steps { get; init; } = new();

    /// <summary>The fine-tuning budget of the structural steps.</summary>
    public FineTuneSpec FineTune { get; init; } = new();

    /// <summary>Stop as soon as the requirements hold (false: run every step and mark where it would have stopped).</summary>
    public bool StopWhenMet { get; init; } = true;

    /// <summary>The seed of every random choice.</summary>
    public int Seed { get; init; }

    /// <summary>Latency measurement: timed runs per stage.</summary>
    public int BenchmarkRuns { get; init; } = 50;

    /// <summary>ONNX Runtime threads for latency and evaluation (null: the physical cores).</summary>
    public int? Threads { get; init; }

    /// <summary>Where the steps' trials (G1's candidates, G5's ratios) run.</summary>
    public Trials.ExecutorSettings Executor { get; init; } = new();

    /// <summary>The folder relative paths of the pipeline text were resolved against (set by <see cref="PipelineFile"/>; a trial re-reads the text with it).</summary>
    public string BaseDirectory { get; init; } = "";
}

/// <summary>The model: an ONNX file, or a zoo model trained on the data first.</summary>
/// <param name="File">An ONNX file (absolute).</param>
/// <param name="Zoo">A zoo name (trained on the data before the guideline starts).</param>
/// <param name="TrainEpochs">Epochs of that training.</param>
public sealed record ModelSpec(string? File, string? Zoo, int TrainEpochs = 3)
{
    /// <summary>How the report names the model.</summary>
    public string Name => Zoo ?? System.IO.Path.GetFileNameWithoutExtension(File!);
}

/// <summary>Data: a folder with train/ and val/ (COCO keypoints or ImageFolder), calibration images and preprocessing.</summary>
/// <param name="Directory">The folder holding train/ and val/.</param>
/// <param name="Calibration">Calibration images for G3 (a folder, a pose folder with annotations.json, or "synthetic").</param>
/// <param name="CalibrationCount">Calibration samples.</param>
/// <param name="Preprocess">The preprocessing.</param>
public sealed record DataSpec(string Directory, string Calibration, int CalibrationCount, Preprocess Preprocess)
{
    /// <summary>Standard deviation of the pose task's target Gaussians, in heatmap pixels (<c>data.heatmap_sigma</c>, default 2).</summary>
    public float HeatmapSigma { get; init; } = HeatmapTarget.DefaultSigma;
}

/// <summary>Where latency is judged.</summary>
public enum LatencySource
{
    /// <summary>ONNX Runtime on this machine.</summary>
    Host,

    /// <summary>The target profile's estimate.</summary>
    Target,
}

/// <summary>The requirements; null means not required. Accuracy in points of the task metric (percent).</summary>
public sealed record Requirements
{
    /// <summary>Lowest accepted accuracy, in percent.</summary>
    public double? MinAccuracy { get; init; }

    /// <summary>Largest accepted accuracy drop from the baseline, in points.</summary>
    public double? MaxAccuracyDrop { get; init; }

    /// <summary>Largest per-image latency in milliseconds.</summary>
    public double? MaxLatencyMs { get; init; }

    /// <summary>Largest per-image latency as a fraction of the baseline's.</summary>
    public double? MaxLatencyRatio { get; init; }

    /// <summary>Where latency is judged.</summary>
    public LatencySource LatencyOn { get; init; } = LatencySource.Host;

    /// <summary>Largest model file, in MB (10^6 bytes).</summary>
    public double? MaxSizeMB { get; init; }

    /// <summary>Largest peak activation memory, in MB.</summary>
    public double? MaxMemoryMB { get; init; }
}

/// <summary>Settings of each step; a null step is not allowed to run.</summary>
public sealed record StepSettings
{
    /// <summary>G1 backbone swap.</summary>
    public BackboneStepSettings? G1 { get; init; } = new();

    /// <summary>G2 factorization.</summary>
    public FactorizeStepSettings? G2 { get; init; } = new();

    /// <summary>G3 INT8 quantization.</summary>
    public QuantizeStepSettings? G3 { get; init; } = new();

    /// <summary>G4 FP16.</summary>
    public Fp16StepSettings? G4 { get; init; } = new();

    /// <summary>G5 pruning.</summary>
    public PruneStepSettings? G5 { get; init; } = new();
}

/// <summary>G1: the zoo backbones to try.</summary>
public sealed record BackboneStepSettings
{
    /// <summary>Candidate zoo backbones, tried in order; by default every lightweight one of the zoo (<see cref="Backbone.BackboneSearchOptions.DefaultCandidates"/>).</summary>
    public IReadOnlyList<string> Candidates { get; init; } = Backbone.BackboneSearchOptions.DefaultCandidates;

    /// <summary>False (default): the head's first layer is re-shaped to the new backbone's channels; true: a 1x1 adapter keeps the head as it is.</summary>
    public bool Adapter { get; init; }

    /// <summary>Training epochs of each candidate (null: the fine-tuning budget's).</summary>
    public int? Epochs { get; init; }
}

/// <summary>G2: which layers and how.</summary>
public sealed record FactorizeStepSettings
{
    /// <summary>
    /// Op types or node names to factorize; empty: by <see cref="Threshold"/>; null (not given): every ConvTranspose if
    /// the model has any (the reference case's decoder), else by <see cref="Threshold"/> (a classifier has none).
    /// </summary>
    public IReadOnlyList<string>? Layers { get; init; }

    /// <summary>
    /// Select layers with at least this share of the MACs when selecting by share (null: 10 %,
    /// <see cref="Lighten.Core.Transforms.Factorize.LayerSelectionOptions.DefaultThreshold"/>); with named layers it filters them.
    /// </summary>
    public double? Threshold { get; init; }

    /// <summary>Bottleneck channels (the reference case used 64).</summary>
    public int? Bottleneck { get; init; } = 64;

    /// <summary>Bottleneck rank by SVD energy share instead of a fixed width.</summary>
    public double? Energy { get; init; }

    /// <summary>Try the depthwise-separable decomposition first.</summary>
    public bool DepthwiseSeparable { get; init; }
}

/// <summary>G3: calibration and the accepted drop.</summary>
public sealed record QuantizeStepSettings
{
    /// <summary>minmax, percentile, entropy or mse.</summary>
    public string Calibrator { get; init; } = "percentile";

    /// <summary>Largest accepted accuracy drop of this step in points (sensitive layers stay FP32 until it holds); G4 runs instead when it cannot.</summary>
    public double MaxDrop { get; init; } = 1;

    /// <summary>Time layers on the host and keep FP32 where INT8 is not faster (host target only).</summary>
    public bool MeasureLayers { get; init; } = true;
}

/// <summary>G4: when to convert to FP16.</summary>
public sealed record Fp16StepSettings
{
    /// <summary>auto (only when measured or estimated faster), always, or never.</summary>
    public string Policy { get; init; } = "auto";
}

/// <summary>G5: pruning mode and the ratios tried.</summary>
public sealed record PruneStepSettings
{
    /// <summary>channel (structured, faster) or magnitude (unstructured, smaller compressed).</summary>
    public string Mode { get; init; } = "channel";

    /// <summary>
    /// Shares of channels or weights removed, each tried as a trial (<c>ratios</c>, or one <c>ratio</c>); G5 keeps the most
    /// aggressive whose model meets the requirements, else the least aggressive, judged as a single ratio.
    /// </summary>
    public IReadOnlyList<double> Ratios { get; init; } = [0.3];

    /// <summary>The first (with one ratio, the only) share removed; setting it makes a one-ratio sweep.</summary>
    public double Ratio
    {
        get => Ratios[0];
        init => Ratios = [value];
    }

    /// <summary>Magnitude mode: sparsity at the first fine-tuning step, rising to the ratio (as <c>lighten prune --initial-sparsity</c>, default 0).</summary>
    public double InitialSparsity { get; init; }

    /// <summary>Magnitude mode: epochs over which the sparsity rises (null: half of the fine-tuning's epochs, as <c>--ramp-epochs</c>).</summary>
    public double? RampEpochs { get; init; }

    /// <summary>Magnitude mode: optimizer steps between mask updates (as <c>--prune-every</c>, default 10).</summary>
    public int PruneEvery { get; init; } = Tuning.PruneOptions.DefaultPruneEvery;
}

/// <summary>The fine-tuning budget of a structural step.</summary>
public sealed record FineTuneSpec
{
    /// <summary>Epochs per step.</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>Batch size.</summary>
    public int Batch { get; init; } = 32;

    /// <summary>Learning rate (null: AdamW's default).</summary>
    public double? LearningRate { get; init; }

    /// <summary>Weight of distillation from the model before the step (0: none).</summary>
    public double Distillation { get; init; } = 0.5;

    /// <summary>Training images per epoch at most (null: all).</summary>
    public int? Workers { get; init; }
}
