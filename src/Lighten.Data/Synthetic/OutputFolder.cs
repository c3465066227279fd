using System.Text.Json;
using Lighten.Core;

namespace Lighten.Data.Synthetic;

/// <summary>
/// Where a synthetic set is written. Everything is first written to a hidden staging folder next to the target;
/// a new target is then one rename, an existing one has its images/ folder and annotations.json replaced by renames.
/// A non-empty target is used only when it holds nothing but a previous synth-pose output, or with force.
/// </summary>
internal static class OutputFolder
{
    public const string Images = "images", Annotations = "annotations.json";

    public static void CheckWritable(string dir, bool force)
    {
        if (File.Exists(dir)) throw new OptionException($"{dir}: is a file, not a folder");
        if (force || !Directory.Exists(dir)) return;
        var entries = Directory.GetFileSystemEntries(dir);
        if (entries.Length == 0 || IsPreviousOutput(dir, entries)) return;
        throw new OptionException($"{dir}: folder is not empty and holds no synth-pose output; choose another folder or force overwriting (--force)");
    }

    /// <summary>Creates an empty staging folder (with images/) beside <paramref name="dir"/>, on the same volume so that moves are renames.</summary>
    public static string CreateStaging(string dir)
    {
        string parent = Path.GetDirectoryName(dir) ?? throw new OptionException($"{dir}: cannot write a data set into a root folder");
        string staging = Path.Combine(parent, $".{Path.GetFileName(dir)}.synth-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(staging, Images));
        return staging;
    }

    public static void Publish(string staging, string dir)
    {
        if (!Directory.Exists(dir))
        {
            Directory.Move(staging, dir);
            return;
        }
        string images = Path.Combine(dir, Images), retired = Path.Combine(staging, "retired");
        if (Directory.Exists(images)) Directory.Move(images, retired);
        else if (File.Exists(images)) File.Move(images, retired);
        Directory.Move(Path.Combine(staging, Images), images);
        File.Move(Path.Combine(staging, Annotations), Path.Combine(dir, Annotations), overwrite: true);
    }

    private static bool IsPreviousOutput(string dir, string[] entries)
    {
        if (entries.Any(e => Path.GetFileName(e) switch { Images => !Directory.Exists(e), Annotations => !File.Exists(e), _ => true }))
            return false;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, Annotations)));
            return doc.RootElement.TryGetProperty("info", out var info)
                && info.TryGetProperty("generator", out var generator)
                && generator.ValueKind == JsonValueKind.String && generator.GetString() == CocoPoseWriter.Generator;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return false;
        }
    }
}
