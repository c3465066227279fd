namespace Lighten.Pipeline.Trials;

/// <summary>A trial as a step asks for it, before <see cref="StepTrials"/> gives it an id, a folder and an index.</summary>
/// <param name="Kind">What it does (<see cref="TrialKinds"/>).</param>
/// <param name="Label">Its short name ("mobilenet_v2", "ratio 0.3").</param>
/// <param name="Inputs">The files it reads, by name.</param>
/// <param name="Parameters">Its parameters, as text.</param>
public sealed record TrialDraft(string Kind, string Label, IReadOnlyDictionary<string, string> Inputs, IReadOnlyDictionary<string, string> Parameters);
