namespace Lighten.Pipeline.Trials;

/// <summary>
/// How to start <c>lighten trial</c>: the executable and the arguments before the verb (<c>dotnet lighten.dll</c>, or
/// the <c>lighten</c> apphost alone). The CLI knows where it is and says so; the library never guesses.
/// </summary>
/// <param name="Executable">The program to start.</param>
/// <param name="LeadingArguments">Arguments before <c>trial</c> (the assembly for <c>dotnet</c>).</param>
public sealed record TrialCommand(string Executable, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>The verb that runs one trial.</summary>
    public const string Verb = "trial";

    /// <summary>The command as it stands in a spec when no CLI said where it is (the in-process executor never starts it).</summary>
    public static TrialCommand Default { get; } = new("lighten", []);

    /// <summary>The full argv running trial <paramref name="index"/> of <paramref name="specFile"/>, executable first.</summary>
    public IReadOnlyList<string> Argv(string specFile, int index) =>
        [Executable, .. LeadingArguments, Verb, "--spec", specFile, "--index", index.ToString(System.Globalization.CultureInfo.InvariantCulture)];
}
