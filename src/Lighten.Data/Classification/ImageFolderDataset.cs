namespace Lighten.Data.Classification;

/// <summary>
/// A classification dataset laid out as one folder per class. Either the root holds <c>train/</c> and <c>val/</c>,
/// each with the class folders, or the root holds the class folders and a seeded split per class sets a fraction
/// aside for validation. Class indices follow the ordinal order of the class folder names.
/// </summary>
public sealed class ImageFolderDataset
{
    /// <summary>File extensions (lower case) read as images.</summary>
    public static readonly IReadOnlySet<string> ImageExtensions =
        new HashSet<string>([".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"]);

    private ImageFolderDataset(string root, IReadOnlyList<string> classes, IReadOnlyList<ImageSample> train, IReadOnlyList<ImageSample> validation)
    {
        Root = root;
        Classes = classes;
        Train = train;
        Validation = validation;
    }

    /// <summary>The dataset folder.</summary>
    public string Root { get; }

    /// <summary>Class names; the index of a name is its label.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Training images, grouped by class, files in ordinal order (split: in shuffled order).</summary>
    public IReadOnlyList<ImageSample> Train { get; }

    /// <summary>Validation images, grouped by class.</summary>
    public IReadOnlyList<ImageSample> Validation { get; }

    /// <summary>
    /// Reads the layout under <paramref name="root"/>. With <c>train/</c> and <c>val/</c> those are used as they are;
    /// otherwise each class's files are shuffled with <paramref name="seed"/> and the first
    /// round(<paramref name="validationFraction"/> x count) go to validation (0 puts everything in training, 1 in validation).
    /// </summary>
    /// <exception cref="DataException">The folder is missing, has no class folders or no images, or a val/ class is unknown.</exception>
    public static ImageFolderDataset Load(string root, double validationFraction = 0.2, int seed = 0)
    {
        if (validationFraction is < 0 or > 1 || double.IsNaN(validationFraction))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), "must lie between 0 and 1");
        if (!Directory.Exists(root)) throw new DataException("dataset folder not found", root);

        string trainDir = Path.Combine(root, "train"), valDir = Path.Combine(root, "val");
        bool hasTrain = Directory.Exists(trainDir), hasVal = Directory.Exists(valDir);
        ImageFolderDataset dataset;
        if (hasTrain && hasVal)
        {
            var classes = ClassFolders(trainDir);
            var unknown = ClassFolders(valDir).Except(classes, StringComparer.Ordinal).FirstOrDefault();
            if (unknown is not null) throw new DataException($"class folder '{unknown}' has no counterpart in train/", valDir);
            dataset = new(root, classes, Read(trainDir, classes), Read(valDir, classes));
        }
        else if (hasTrain || hasVal)
        {
            throw new DataException($"found {(hasTrain ? "train/" : "val/")} but not {(hasTrain ? "val/" : "train/")}: " +
                "use both, or put the class folders directly in the dataset folder", root);
        }
        else
        {
            var classes = ClassFolders(root);
            dataset = Split(root, classes, validationFraction, seed);
        }
        if (dataset.Train.Count + dataset.Validation.Count == 0)
            throw new DataException($"no images found ({string.Join(", ", ImageExtensions)}) in the class folders", root);
        return dataset;
    }

    private static ImageFolderDataset Split(string root, IReadOnlyList<string> classes, double fraction, int seed)
    {
        var train = new List<ImageSample>();
        var validation = new List<ImageSample>();
        var random = new Random(seed);
        for (int label = 0; label < classes.Count; label++)
        {
            var files = Files(Path.Combine(root, classes[label]));
            random.Shuffle(files);
            int take = (int)Math.Round(fraction * files.Length, MidpointRounding.AwayFromZero);
            validation.AddRange(files[..take].Select(f => new ImageSample(f, label)));
            train.AddRange(files[take..].Select(f => new ImageSample(f, label)));
        }
        return new(root, classes, train, validation);
    }

    private static List<ImageSample> Read(string dir, IReadOnlyList<string> classes)
    {
        var samples = new List<ImageSample>();
        for (int label = 0; label < classes.Count; label++)
        {
            var folder = Path.Combine(dir, classes[label]);
            if (Directory.Exists(folder)) samples.AddRange(Files(folder).Select(f => new ImageSample(f, label)));
        }
        return samples;
    }

    private static string[] ClassFolders(string dir)
    {
        var names = Directory.GetDirectories(dir).Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        return names.Length > 0 ? names : throw new DataException("no class folders found (expected one folder per class)", dir);
    }

    private static string[] Files(string folder) =>
        Directory.GetFiles(folder)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal).ToArray();
}
