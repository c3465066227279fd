using Lighten.Data;
using Lighten.Data.Classification;
using Lighten.Data.Imaging;

namespace Lighten.Runtime.Calibration;

/// <summary>Images of a folder (searched recursively), each fitted to the input by a <see cref="Preprocess"/>.</summary>
public sealed class ImageCalibrationSource : CalibrationSource
{
    private readonly string[] files;
    private readonly Preprocess preprocess;
    private readonly string folder;

    /// <summary>Takes every image under <paramref name="folder"/>, or a seeded random subset of <paramref name="count"/>.</summary>
    /// <exception cref="DataException">The folder is missing or holds no images.</exception>
    public ImageCalibrationSource(string folder, Preprocess preprocess, int count, int seed = 0)
    {
        if (!Directory.Exists(folder)) throw new DataException("calibration folder not found", folder);
        var all = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => ImageFolderDataset.ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal).ToArray();
        if (all.Length == 0) throw new DataException($"no images ({string.Join(", ", ImageFolderDataset.ImageExtensions)}) found", folder);
        files = [.. Subset(all.Length, count, seed).Select(i => all[i])];
        this.preprocess = preprocess;
        this.folder = folder;
    }

    /// <inheritdoc/>
    public override int Count => files.Length;

    /// <inheritdoc/>
    public override int Width => preprocess.Width;

    /// <inheritdoc/>
    public override int Height => preprocess.Height;

    /// <inheritdoc/>
    public override string Description => $"{files.Length} images from {folder}";

    /// <inheritdoc/>
    public override void Write(int index, Span<float> chw)
    {
        using var image = ImageLoader.Load(files[index]);
        preprocess.WriteTensor(image, chw);
    }
}
