using Lighten.Data.Imaging;
using Lighten.Data.Pose;

namespace Lighten.Runtime.Calibration;

/// <summary>
/// The images calibration feeds the model: <see cref="Count"/> samples, each written on request as a normalized
/// 3×<see cref="Height"/>×<see cref="Width"/> float tensor. <see cref="Write"/> may be called from several threads at once.
/// </summary>
public abstract class CalibrationSource
{
    /// <summary>The name of the synthetic source on the command line (<c>--calib synthetic</c>).</summary>
    public const string SyntheticName = "synthetic";

    /// <summary>The file a pose dataset folder holds.</summary>
    public const string PoseAnnotations = "annotations.json";

    /// <summary>Number of samples.</summary>
    public abstract int Count { get; }

    /// <summary>Input width in pixels.</summary>
    public abstract int Width { get; }

    /// <summary>Input height in pixels.</summary>
    public abstract int Height { get; }

    /// <summary>What the samples are, for reports.</summary>
    public abstract string Description { get; }

    /// <summary>Floats one sample occupies.</summary>
    public int SampleLength => 3 * Width * Height;

    /// <summary>Writes sample <paramref name="index"/> into <paramref name="chw"/> (length <see cref="SampleLength"/>).</summary>
    /// <exception cref="Lighten.Data.DataException">The sample's image cannot be read.</exception>
    public abstract void Write(int index, Span<float> chw);

    /// <summary>
    /// The source at <paramref name="path"/>: <c>synthetic</c> for smooth random images; a folder holding
    /// <c>annotations.json</c> (or a <c>.json</c> file) for top-down crops of the annotated people of a COCO keypoints set;
    /// otherwise a folder of images (searched recursively, class folders or not). At most <paramref name="count"/> samples,
    /// a seeded random subset when there are more.
    /// </summary>
    /// <exception cref="Lighten.Data.DataException">The folder or file is missing or holds no images.</exception>
    public static CalibrationSource Open(string path, Preprocess preprocess, int count, int seed = 0)
    {
        if (path == SyntheticName) return new SyntheticCalibrationSource(preprocess.Width, preprocess.Height, count, seed);
        var annotations = Directory.Exists(path) ? Path.Combine(path, PoseAnnotations) : path;
        if (File.Exists(annotations) && annotations.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return new PoseCalibrationSource(CocoKeypointsDataset.Load(annotations), preprocess, count, seed);
        return new ImageCalibrationSource(path, preprocess, count, seed);
    }

    /// <summary>Indices 0..<paramref name="available"/>-1, or a seeded random subset of <paramref name="count"/> of them in ascending order.</summary>
    protected static int[] Subset(int available, int count, int seed)
    {
        if (count <= 0) throw new Lighten.Core.OptionException($"the calibration sample count must be positive, got {count}");
        var all = Enumerable.Range(0, available).ToArray();
        if (available <= count) return all;
        new Random(seed).Shuffle(all);
        return [.. all.Take(count).Order()];
    }
}
