using System.Text.Json;
using Lighten.Core;
using Lighten.Core.IO;
using Lighten.Pipeline.Journal;

namespace Lighten.Pipeline.Trials;

/// <summary>A step's trials as one JSON file, which every executor hands to <c>lighten trial --spec FILE --index N</c>.</summary>
public sealed record TrialSpecFile
{
    /// <summary>Format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The step.</summary>
    public required string Step { get; init; }

    /// <summary>The trials, index i at position i.</summary>
    public required IReadOnlyList<TrialSpec> Trials { get; init; }

    /// <summary>Reads a spec file.</summary>
    /// <exception cref="LightenException">Missing, not JSON, or an index out of place (bad input, naming the file).</exception>
    public static TrialSpecFile Load(string path)
    {
        if (!File.Exists(path)) throw new LightenException("trial spec file not found", path);
        TrialSpecFile? file;
        try
        {
            file = JsonSerializer.Deserialize<TrialSpecFile>(File.ReadAllText(path), RunJournal.Json);
        }
        catch (JsonException e)
        {
            throw new LightenException($"cannot read the trial spec: {e.Message}", path, inner: e);
        }
        if (file is null) throw new LightenException("the trial spec file is empty", path);
        for (int i = 0; i < file.Trials.Count; i++)
            if (file.Trials[i].Index != i) throw new LightenException($"the trial at position {i} says index {file.Trials[i].Index}", path);
        return file;
    }

    /// <summary>Writes the spec file atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, RunJournal.Json));

    /// <summary>The trial at <paramref name="index"/>.</summary>
    /// <exception cref="OptionException">No such index.</exception>
    public TrialSpec At(int index) => index >= 0 && index < Trials.Count ? Trials[index]
        : throw new OptionException($"trial index {index} is outside the spec's 0..{Trials.Count - 1}");
}
