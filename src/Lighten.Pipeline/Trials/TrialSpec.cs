using System.Globalization;
using System.Text;

namespace Lighten.Pipeline.Trials;

/// <summary>
/// One independent piece of a step's work (a G1 candidate, a G5 ratio): what it reads, its parameters, where it writes
/// and what it may use. Its <see cref="Id"/> is a SHA-256 over the step, its inputs' SHA-256 and its parameters, so the
/// same trial always has the same id and one changed input byte or parameter gives another.
/// </summary>
public sealed record TrialSpec
{
    /// <summary>SHA-256 (lower-case hex) over <see cref="Step"/>, <see cref="Kind"/>, the inputs' SHA-256, the parameters and the thread count.</summary>
    public required string Id { get; init; }

    /// <summary>The step the trial belongs to (G1, G5).</summary>
    public required string Step { get; init; }

    /// <summary>What the trial does: <see cref="TrialKinds.Backbone"/> or <see cref="TrialKinds.Prune"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Its index in the spec file.</summary>
    public required int Index { get; init; }

    /// <summary>A short name for logs and reports ("mobilenet_v2", "ratio 0.3").</summary>
    public required string Label { get; init; }

    /// <summary>The argv that runs it in a child process, executable first (<see cref="TrialCommand.Argv"/>).</summary>
    public IReadOnlyList<string> Argv { get; init; } = [];

    /// <summary>The files it reads, with their SHA-256.</summary>
    public IReadOnlyList<TrialInput> Inputs { get; init; } = [];

    /// <summary>Its parameters by name (ordinal order), as text.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The folder it writes its artifact, <c>result.json</c>, <c>done</c> and <c>trial.log</c> into (absolute).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The intra-op threads it trains and evaluates with, whichever executor runs it (float sums depend on it).</summary>
    public required int Threads { get; init; }

    /// <summary>What it may use.</summary>
    public required TrialResources Resources { get; init; }

    /// <summary>The id of a trial of <paramref name="step"/> and <paramref name="kind"/> with these inputs, parameters and threads.</summary>
    public static string ComputeId(string step, string kind, IEnumerable<TrialInput> inputs, IReadOnlyDictionary<string, string> parameters, int threads)
    {
        var text = new StringBuilder();
        void Line(string key, string value) => text.Append(key.Length).Append(':').Append(key).Append('=').Append(value.Length).Append(':').Append(value).Append('\n');
        Line("step", step);
        Line("kind", kind);
        foreach (var input in inputs.OrderBy(i => i.Name, StringComparer.Ordinal)) Line("input:" + input.Name, input.Sha256);
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) Line("param:" + key, value);
        Line("threads", threads.ToString(CultureInfo.InvariantCulture));
        return Journal.RunJournal.Sha256OfText(text.ToString());
    }

    /// <summary>A parameter's value.</summary>
    /// <exception cref="Core.LightenException">The spec lacks it.</exception>
    public string Parameter(string name) =>
        Parameters.TryGetValue(name, out var value) ? value : throw new Core.LightenException($"trial {Index} of step {Step} has no parameter '{name}'");

    /// <summary>The path of input <paramref name="name"/>.</summary>
    /// <exception cref="Core.LightenException">The spec lacks it.</exception>
    public string Input(string name) =>
        Inputs.FirstOrDefault(i => i.Name == name)?.Path ?? throw new Core.LightenException($"trial {Index} of step {Step} has no input '{name}'");
}
