using Lighten.Core;
using Lighten.Data.Pose;

namespace Lighten.Pipeline.Demo;

/// <summary>A size of the built-in demo: data, input size and training budget.</summary>
/// <param name="Name">smoke, quick, standard or paper.</param>
/// <param name="Size">Square input size.</param>
/// <param name="TrainImages">Synthetic training images (seed 1).</param>
/// <param name="ValImages">Synthetic validation images (seed 2).</param>
/// <param name="BaselineEpochs">Epochs training the PoseResNet-50 baseline.</param>
/// <param name="BackboneEpochs">Epochs training the G1 model (its new backbone starts from random weights).</param>
/// <param name="FineTuneEpochs">Epochs of each structural step's fine-tune.</param>
/// <param name="Batch">Batch size.</param>
/// <param name="CalibrationImages">G3 calibration samples.</param>
/// <param name="BenchmarkRuns">Timed runs per artifact.</param>
/// <param name="MeasureLayers">Whether G3 times layers on the host.</param>
public sealed record DemoPreset(string Name, int Size, int TrainImages, int ValImages, int BaselineEpochs, int BackboneEpochs, int FineTuneEpochs, int Batch,
    int CalibrationImages, int BenchmarkRuns, bool MeasureLayers)
{
    /// <summary>For CI: a few dozen tiny images, one epoch each; exercises every stage end to end in a few minutes.</summary>
    public static DemoPreset Smoke { get; } = new("smoke", 64, 64, 32, 1, 1, 1, 16, 8, 10, false) { Budget = "a few minutes on 2 cores" };

    /// <summary>The default: within 15 minutes on 2 cores, most of it training the baseline.</summary>
    public static DemoPreset Quick { get; } = new("quick", 64, 2400, 200, 4, 3, 1, 32, 64, 40, true) { Budget = "within 15 minutes on 2 cores" };

    /// <summary>Twice the quick preset's input: about 2¼ hours on 2 cores (guards 30 min, baseline 56 min at 4.6 images/s, G1 36 min).</summary>
    public static DemoPreset Standard { get; } = new("standard", 128, 2400, 300, 6, 3, 1, 32, 64, 40, true) { Budget = "about 2¼ hours on 2 cores" };

    /// <summary>
    /// The reference case's 256×256 input, sized to finish in about 2¼ hours on 2 cores (each sample costs 16× a quick one,
    /// 4× a standard one). Its 64×64 heatmaps get Gaussians of sigma 4, the size relative to the heatmap of standard's
    /// sigma 2 on 32×32; batch 8 gives 100 optimizer steps per epoch instead of 25. (The tiny guard's 0.00 % in the first
    /// paper runs came from stale BatchNorm statistics, not from these settings: see the trainer's RunningStatistics.)
    /// Meant to run in the background, continued with <c>--resume</c> when interrupted.
    /// </summary>
    public static DemoPreset Paper { get; } = new("paper", 256, 800, 200, 4, 1, 1, 8, 128, 50, true) { Budget = "about 2¼ hours on 2 cores; resumable", HeatmapSigma = 4 };

    /// <summary>Standard deviation of the target Gaussians in heatmap pixels (the pipeline's <c>data.heatmap_sigma</c>).</summary>
    public float HeatmapSigma { get; init; } = HeatmapTarget.DefaultSigma;

    /// <summary>The time the preset is sized for.</summary>
    public string Budget { get; init; } = "";

    /// <summary>
    /// Width and height of the generated images: twice the input, so that a crop around the person is scaled down to the
    /// input as a camera image is, instead of blown up from a few pixels (and the head boxes PCKh divides by are not
    /// inflated by the generator's minimum stroke widths).
    /// </summary>
    public int ImageSize => 2 * Size;

    /// <summary>
    /// One line for the reports: "lighten demo, preset quick (budget: within 15 minutes on 2 cores): 1200 training and 200
    /// validation synthetic images of 64×64, …".
    /// </summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"lighten demo, preset {Name} (budget: {Budget}): {TrainImages} training and {ValImages} validation synthetic images of {ImageSize}×{ImageSize} for a {Size}×{Size} input, " +
        $"baseline {BaselineEpochs} epoch(s), G1 {BackboneEpochs}, each fine-tune {FineTuneEpochs} (batch {Batch}), heatmap sigma {HeatmapSigma}, {CalibrationImages} calibration images, " +
        $"{BenchmarkRuns} timed runs per artifact, G3 layers {(MeasureLayers ? "timed on the host" : "not timed")}");

    /// <summary>The preset names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["smoke", "quick", "standard", "paper"];

    /// <summary>The preset named <paramref name="name"/>.</summary>
    /// <exception cref="OptionException">Unknown name.</exception>
    public static DemoPreset Get(string name) => name switch
    {
        "smoke" => Smoke,
        "quick" => Quick,
        "standard" => Standard,
        "paper" => Paper,
        _ => throw new OptionException($"unknown demo preset '{name}' (allowed: {string.Join(", ", Names)})"),
    };
}
