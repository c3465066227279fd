using System.Globalization;
using Lighten.Core;

namespace Lighten.Data.Synthetic;

/// <summary>
/// The synthetic pose set of the built-in demo: one articulated, clothed person per image on a cluttered background,
/// labeled with the 16 MPII joints in COCO person-keypoints JSON (<c>annotations.json</c> beside <c>images/000001.png</c>…).
/// The same options give the same bytes, whatever the number of cores.
/// </summary>
public static class SyntheticPose
{
    /// <summary>Writes <paramref name="count"/> images of <paramref name="size"/>² pixels drawn from <paramref name="seed"/> into <paramref name="outDir"/>.</summary>
    /// <exception cref="OptionException">A count or size out of range, or a non-empty folder that holds no previous synth-pose output.</exception>
    public static SyntheticPoseSummary Generate(string outDir, int count, int size, int seed) =>
        Generate(outDir, new SyntheticPoseOptions { Count = count, Size = size, Seed = seed });

    /// <summary>
    /// Writes a synthetic set into <paramref name="outDir"/>, created if missing. The folder must be empty, missing, or hold
    /// a previous synth-pose output (replaced), unless <see cref="SyntheticPoseOptions.Force"/>. Files appear only once all are
    /// written. <paramref name="progress"/> receives the number of finished images, from worker threads.
    /// </summary>
    /// <exception cref="OptionException">Options out of range, or a folder that may not be written into.</exception>
    /// <exception cref="DataException">The folder cannot be written.</exception>
    public static SyntheticPoseSummary Generate(string outDir, SyntheticPoseOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outDir);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        string dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir));
        OutputFolder.CheckWritable(dir, options.Force);
        string? staging = null;
        try
        {
            staging = OutputFolder.CreateStaging(dir);
            var labels = new PoseLabel[options.Count];
            int done = 0;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
            Parallel.For(0, options.Count, parallel, i =>
            {
                using var sample = SampleRenderer.Render(options, i);
                File.WriteAllBytes(Path.Combine(staging, FileName(i, options.Count)), SampleRenderer.EncodePng(sample.Image));
                labels[i] = sample.Label;
                progress?.Report(Interlocked.Increment(ref done));
            });
            using (var stream = File.Create(Path.Combine(staging, OutputFolder.Annotations)))
                CocoPoseWriter.Write(stream, options, labels, i => FileName(i, options.Count));
            OutputFolder.Publish(staging, dir);
            return new SyntheticPoseSummary(dir, options.Count, Count(labels, 2), Count(labels, 1), Count(labels, 0));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"cannot write the synthetic data set: {e.Message}", dir);
        }
        finally
        {
            if (staging is not null && Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The image path relative to the data set folder: images/000001.png, with more digits past 999999 images.</summary>
    internal static string FileName(int index, int count)
    {
        int digits = Math.Max(6, count.ToString(CultureInfo.InvariantCulture).Length);
        return $"{OutputFolder.Images}/{(index + 1).ToString("D" + digits, CultureInfo.InvariantCulture)}.png";
    }

    private static int Count(PoseLabel[] labels, int visibility) => labels.Sum(l => l.Visibility.Count(v => v == visibility));
}
