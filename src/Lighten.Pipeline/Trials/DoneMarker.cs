using System.Text.Json;
using Lighten.Core.IO;
using Lighten.Pipeline.Journal;

namespace Lighten.Pipeline.Trials;

/// <summary>
/// The <c>done</c> file a trial writes last, holding the SHA-256 of its <c>result.json</c> and of its artifact: a trial
/// is done only while its marker is valid, that is while both files still hold those bytes.
/// </summary>
/// <param name="ResultSha256">SHA-256 of <c>result.json</c>.</param>
/// <param name="ArtifactSha256">SHA-256 of the artifact, or null when the trial wrote none.</param>
public sealed record DoneMarker(string ResultSha256, string? ArtifactSha256)
{
    /// <summary>The marker's file name in the trial's folder.</summary>
    public const string FileName = "done";

    /// <summary>Writes the marker of <paramref name="result"/> (already saved) into <paramref name="directory"/>, atomically.</summary>
    public static void Write(string directory, TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var marker = new DoneMarker(RunJournal.Sha256Of(Path.Combine(directory, TrialResult.FileName)),
            result.Artifact is { } artifact ? RunJournal.Sha256Of(Path.Combine(directory, artifact)) : null);
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(marker, RunJournal.Json));
    }

    /// <summary>The result in <paramref name="directory"/> when its marker is valid, else null (missing, torn or tampered files).</summary>
    public static TrialResult? ValidResult(string directory)
    {
        try
        {
            var path = Path.Combine(directory, FileName);
            if (!File.Exists(path)) return null;
            var marker = JsonSerializer.Deserialize<DoneMarker>(File.ReadAllText(path), RunJournal.Json);
            var resultPath = Path.Combine(directory, TrialResult.FileName);
            if (marker is null || !File.Exists(resultPath) || RunJournal.Sha256Of(resultPath) != marker.ResultSha256) return null;
            var result = TrialResult.Load(directory);
            if (result.Artifact is null) return marker.ArtifactSha256 is null ? result : null;
            var artifact = Path.Combine(directory, result.Artifact);
            return File.Exists(artifact) && RunJournal.Sha256Of(artifact) == marker.ArtifactSha256 ? result : null;
        }
        catch (Exception e) when (e is JsonException or IOException or Core.LightenException)
        {
            return null;
        }
    }

    /// <summary>Whether the trial in <paramref name="directory"/> is done (<see cref="ValidResult"/>).</summary>
    public static bool IsValid(string directory) => ValidResult(directory) is not null;
}
