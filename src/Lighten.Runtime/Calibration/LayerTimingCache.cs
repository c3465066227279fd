using System.Text.Json;
using System.Text.Json.Nodes;
using Lighten.Core.IO;

namespace Lighten.Runtime.Calibration;

/// <summary>
/// Layer timings kept between runs in a JSON file per machine (<see cref="DefaultPath"/>), keyed by what decides the time:
/// op, attributes, shapes, fused activation, activation type, thread count and ONNX Runtime version. A damaged file is
/// ignored and rewritten.
/// </summary>
public sealed class LayerTimingCache
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly Dictionary<string, LayerTiming> entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> loaded = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Opens (or starts) the cache at <paramref name="path"/>; null uses <see cref="DefaultPath"/>.</summary>
    public LayerTimingCache(string? path = null)
    {
        Path = path ?? DefaultPath;
        Load();
    }

    /// <summary>The cache file.</summary>
    public string Path { get; }

    /// <summary>Entries held.</summary>
    public int Count => entries.Count;

    /// <summary>This machine's timings in Lighten's cache folder (<see cref="LightenCache"/>): timings of one machine are never used on another.</summary>
    public static string DefaultPath => System.IO.Path.Combine(LightenCache.Directory, $"int8-layer-timings-{LightenCache.Machine}.json");

    /// <summary>The timing stored under <paramref name="key"/>, if any.</summary>
    public bool TryGet(string key, out LayerTiming timing)
    {
        lock (gate) return entries.TryGetValue(key, out timing!);
    }

    /// <summary>
    /// Whether <paramref name="key"/>'s timing was in the file when the cache opened (measured before: an earlier run or stage),
    /// not stored since by this cache.
    /// </summary>
    public bool ReadFromFile(string key)
    {
        lock (gate) return loaded.Contains(key);
    }

    /// <summary>Stores a timing and writes the file (atomically); a file that cannot be written only loses the cache.</summary>
    public void Set(string key, LayerTiming timing)
    {
        lock (gate)
        {
            entries[key] = timing;
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
                AtomicFile.WriteAllText(Path, Serialize());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Lighten.Core.LightenException)
            {
                // The cache only saves time; measuring again next run is the cost of an unwritable folder.
            }
        }
    }

    private string Serialize()
    {
        var root = new JsonObject();
        foreach (var (key, t) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            root[key] = new JsonObject { ["fp32Ms"] = t.Fp32Ms, ["int8Ms"] = t.Int8Ms };
        return new JsonObject { ["version"] = 1, ["entries"] = root }.ToJsonString(Indented);
    }

    private void Load()
    {
        try
        {
            if (!File.Exists(Path)) return;
            if (JsonNode.Parse(File.ReadAllText(Path))?["entries"] is not JsonObject root) return;
            foreach (var (key, value) in root)
            {
                if (value?["fp32Ms"]?.GetValue<double>() is double fp && value["int8Ms"]?.GetValue<double>() is double i8)
                {
                    entries[key] = new LayerTiming(fp, i8);
                    loaded.Add(key);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            entries.Clear();
            loaded.Clear();
        }
    }
}
