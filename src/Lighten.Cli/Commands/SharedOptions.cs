namespace Lighten.Cli.Commands;

/// <summary>
/// The spelling, default and help text of the options that mean the same in every verb that takes them (the README's
/// "Options every verb shares" table): settings classes in different hierarchies declare them from these constants.
/// </summary>
public static class SharedOptions
{
    /// <summary>The ONNX file a verb writes.</summary>
    public const string Output = "-o|--output <FILE>";

    /// <summary>The folder a verb writes into.</summary>
    public const string OutDir = "-O|--out-dir <DIR>";

    /// <summary>Timed runs per model.</summary>
    public const string Runs = "--runs <N>";

    /// <summary>The default of <see cref="Runs"/>.</summary>
    public const int RunsDefault = 100;

    /// <summary>Untimed runs before the timed ones.</summary>
    public const string WarmupRuns = "--warmup-runs <N>";

    /// <summary>The default of <see cref="WarmupRuns"/>.</summary>
    public const int WarmupRunsDefault = 10;

    /// <summary>Help of <see cref="WarmupRuns"/>.</summary>
    public const string WarmupRunsHelp = "Untimed runs per model before the timed ones.";

    /// <summary>Print the result as JSON.</summary>
    public const string Json = "--json";

    /// <summary>Help of <see cref="Json"/>.</summary>
    public const string JsonHelp = "Print the result as one JSON document instead of a table (schemas: tests/Lighten.Cli.Tests/Schemas).";

    /// <summary>Show stack traces with errors.</summary>
    public const string Verbose = "--verbose";

    /// <summary>Help of <see cref="Verbose"/>.</summary>
    public const string VerboseHelp = "Show stack traces with errors.";

    /// <summary>The target device.</summary>
    public const string Target = "--target <TARGET>";

    /// <summary>Input shapes to fix.</summary>
    public const string InputShape = "--input-shape <NAME=SHAPE>";
}
