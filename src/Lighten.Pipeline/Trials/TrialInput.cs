namespace Lighten.Pipeline.Trials;

/// <summary>A file a trial reads, with its SHA-256 (part of the trial's id).</summary>
/// <param name="Name">What it is to the trial ("model").</param>
/// <param name="Path">Its absolute path.</param>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
public sealed record TrialInput(string Name, string Path, string Sha256);
