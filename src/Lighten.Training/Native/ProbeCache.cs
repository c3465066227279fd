using System.Text.Json;
using Lighten.Core.IO;

namespace Lighten.Training.Native;

/// <summary>
/// Probe verdicts in Lighten's cache folder (<c>$LIGHTEN_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/lighten</c>, else
/// <c>~/.cache/lighten</c>), one JSON file per key, written atomically; a lock file makes processes that start together
/// (parallel test hosts) probe once.
/// </summary>
public sealed class ProbeCache(string? directory = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The folder.</summary>
    public string Directory { get; } = directory ?? LightenCache.Directory;

    /// <summary>The verdict file of <paramref name="key"/>.</summary>
    public string PathFor(ProbeKey key) => Path.Combine(Directory, $"native-probe-{key.Id}.json");

    /// <summary>The cached verdict of <paramref name="key"/>, or null (also when the file is unreadable or holds another key).</summary>
    public ProbeVerdict? TryLoad(ProbeKey key)
    {
        var path = PathFor(key);
        if (!File.Exists(path)) return null;
        try
        {
            var verdict = JsonSerializer.Deserialize<ProbeVerdict>(File.ReadAllText(path), Json);
            return verdict?.Key == key ? verdict : null;
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="verdict"/> atomically and returns its path.</summary>
    public string Save(ProbeVerdict verdict)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathFor(verdict.Key);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(verdict, Json));
        return path;
    }

    /// <summary>Holds the folder's probe lock until disposed, waiting up to <paramref name="timeout"/> for another process to let go.</summary>
    public IDisposable Lock(TimeSpan timeout)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, "native-probe.lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }
}
