namespace Lighten.Core.Targets;

/// <summary>A target profile that cannot be read: not YAML, a missing or unknown key, or a value out of range. Names the file, the key and the line.</summary>
public sealed class TargetProfileException : LightenException
{
    /// <summary>Creates the error for <paramref name="key"/> (a dotted path such as <c>peak.fp16</c>) at <paramref name="line"/> of <paramref name="file"/>.</summary>
    public TargetProfileException(string message, string? file, string? key = null, long? line = null, Exception? inner = null)
        : base(Place(key, line) + message, file, inner: inner)
    {
        Key = key;
        Line = line;
    }

    /// <summary>The key at fault, as a dotted path; null for the file as a whole.</summary>
    public string? Key { get; }

    /// <summary>The 1-based line of the key, when known.</summary>
    public long? Line { get; }

    private static string Place(string? key, long? line) => (key, line) switch
    {
        (null, null) => "",
        (null, long l) => $"line {l}: ",
        (string k, null) => $"key '{k}': ",
        (string k, long l) => $"key '{k}' (line {l}): ",
    };
}
