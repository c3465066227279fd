using System.Collections;

namespace Lighten.Training.Native;

/// <summary>The user's own oneDNN settings: any <c>ONEDNN_*</c> or <c>DNNL_*</c> variable, which always wins over a remedy.</summary>
public static class OneDnnSettings
{
    /// <summary>The variable oneDNN reads for its highest instruction set.</summary>
    public const string IsaVariable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The <c>ONEDNN_*</c> and <c>DNNL_*</c> variables of <paramref name="environment"/> (the process's when null), sorted.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> UserSettings(IDictionary? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables();
        return [.. environment.Cast<DictionaryEntry>()
            .Select(e => new KeyValuePair<string, string>((string)e.Key, e.Value as string ?? ""))
            .Where(e => e.Key.StartsWith("ONEDNN_", StringComparison.Ordinal) || e.Key.StartsWith("DNNL_", StringComparison.Ordinal))
            .OrderBy(e => e.Key, StringComparer.Ordinal)];
    }

    /// <summary>The settings as <c>NAME=value</c> words.</summary>
    public static string Describe(IReadOnlyList<KeyValuePair<string, string>> settings) =>
        string.Join(" ", settings.Select(s => $"{s.Key}={s.Value}"));
}
