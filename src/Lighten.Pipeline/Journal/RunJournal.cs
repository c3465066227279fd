using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lighten.Core;
using Lighten.Core.IO;
using Lighten.Pipeline.Stages;

namespace Lighten.Pipeline.Journal;

/// <summary>
/// The run's journal (DIR/journal.json), written atomically after every stage: the pipeline's hash and the stages done
/// with their artifacts' SHA-256, so that <c>--resume</c> continues after the last completed stage.
/// </summary>
public sealed record RunJournal
{
    /// <summary>The journal's file name.</summary>
    public const string FileName = "journal.json";

    /// <summary>Format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>SHA-256 of the pipeline text the run was started with.</summary>
    public required string PipelineHash { get; init; }

    /// <summary>The completed stages, in order.</summary>
    public IReadOnlyList<StageRecord> Stages { get; init; } = [];

    /// <summary>
    /// The trials of each step that ran them (G1's candidates, G5's ratios), by step id: id, index, engine job id and last
    /// state, so that <c>--resume</c> polls a job still running instead of starting it again. Null in older journals.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Trials.TrialRecord>>? Trials { get; init; }

    /// <summary>JSON options shared by the journal and report.json.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads the journal in <paramref name="directory"/>, or null when there is none.</summary>
    /// <exception cref="LightenException">The file exists but is not a journal.</exception>
    public static RunJournal? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<RunJournal>(File.ReadAllText(path), Json) ?? throw new LightenException("the journal is empty", path);
        }
        catch (JsonException e)
        {
            throw new LightenException($"cannot read the journal: {e.Message}; run without {OptionKey.Ref(OptionKey.Resume)} to start over", path, inner: e);
        }
    }

    /// <summary>Writes the journal into <paramref name="directory"/> atomically.</summary>
    public void Save(string directory) => AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>SHA-256 of a text, lower-case hex.</summary>
    public static string Sha256OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
