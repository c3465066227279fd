using Lighten.Core;

namespace Lighten.Pipeline.Stages;

/// <summary>
/// How the pipeline spells the options the library's errors name (<see cref="OptionKey"/>): as the key of the pipeline
/// file that sets it, for the stage that raised the error.
/// </summary>
public static class PipelineOptionNames
{
    private static readonly Dictionary<(string Stage, string Key), string> ByStage = new()
    {
        [("G1", OptionKey.NoAdapter)] = "steps.g1.adapter: false",
        [("G2", OptionKey.Layers)] = "steps.g2.layers",
    };

    // The pipeline fixes every input's size from preprocess.size (the batch kept symbolic).
    private static readonly Dictionary<string, string> AnyStage = new(StringComparer.Ordinal)
    {
        [OptionKey.Size] = "data.preprocess.size",
        [OptionKey.InputShape] = "data.preprocess.size",
    };

    /// <summary>The spelling of every option in an error of stage <paramref name="stageId"/> (null: outside any step).</summary>
    public static Func<string, string?> For(string? stageId) => key =>
        stageId is not null && ByStage.TryGetValue((stageId, key), out var yamlKey) ? yamlKey : AnyStage.GetValueOrDefault(key);

    /// <summary><paramref name="text"/> (which may embed a library message) with its options spelled for stage <paramref name="stageId"/>.</summary>
    public static string Render(string text, string? stageId) => OptionKey.Render(text, For(stageId));
}
