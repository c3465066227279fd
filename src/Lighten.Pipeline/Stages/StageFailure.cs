using Lighten.Core;

namespace Lighten.Pipeline.Stages;

/// <summary>One line for an error that stopped a stage: the report's reason and the CLI's message.</summary>
public static class StageFailure
{
    /// <summary>
    /// <paramref name="error"/> on one line: a <see cref="LightenException"/> as it describes itself (file, node, op),
    /// any other error with its type (ONNX Runtime's and .NET's messages do not say what failed); options are spelled
    /// as the pipeline file's keys for stage <paramref name="stageId"/> (<see cref="PipelineOptionNames"/>).
    /// </summary>
    public static string Describe(Exception error, string? stageId = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        while (error is AggregateException { InnerExceptions.Count: 1 } aggregate) error = aggregate.InnerExceptions[0];
        string text = error is LightenException lighten ? lighten.Describe(PipelineOptionNames.For(stageId)) : $"{error.GetType().Name}: {error.Message}";
        return string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
