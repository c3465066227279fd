using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lighten.Runtime;
using Lighten.Training.Trainer;
using Spectre.Console;

namespace Lighten.Cli.Rendering;

/// <summary>The outcome of <c>lighten train</c> or <c>lighten finetune</c>: how training ended and the metric of the written file in ONNX Runtime.</summary>
/// <param name="Model">The trained model's name.</param>
/// <param name="Output">The written ONNX file.</param>
/// <param name="Training">The trainer's result.</param>
/// <param name="Evaluation">The written file's validation metric in ONNX Runtime.</param>
/// <param name="Seconds">Wall time of training.</param>
internal sealed record TrainingReport(string Model, string Output, TrainingResult Training, EvaluationResult Evaluation, double Seconds)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public void Render(IAnsiConsole console)
    {
        var color = Training.Stop == StopReason.NonFiniteLoss ? "yellow" : "green";
        console.MarkupLine($"[{color}]{Markup.Escape(Training.Message)}[/] in {Seconds.ToString("0", CultureInfo.InvariantCulture)} s");
        console.MarkupLine($"wrote [bold]{Markup.Escape(Output)}[/]");
        var primary = Evaluation.Primary;
        console.MarkupLine($"validation {Markup.Escape(primary.Name)} of {Markup.Escape(Path.GetFileName(Output))} in ONNX Runtime: " +
            $"[bold]{TrainingText.Percent(primary.Value)}[/] % ({Evaluation.Samples} samples)");
    }

    /// <summary>
    /// <c>{"model","output","task","stop","message","seconds","bestEpoch","metric":{"name","onnx","training"},"epochs":[{"epoch","loss","metric","lr","seconds","imagesPerSecond","best"}]}</c>;
    /// metrics are fractions in 0..1, <c>metric.onnx</c> is measured on the written file.
    /// </summary>
    public static string Json(TrainingReport report)
    {
        var t = report.Training;
        var json = new JsonObject
        {
            ["model"] = report.Model,
            ["output"] = report.Output,
            ["task"] = report.Evaluation.Task,
            ["stop"] = t.Stop.ToString(),
            ["message"] = t.Message,
            ["seconds"] = Math.Round(report.Seconds, 1),
            ["bestEpoch"] = t.BestEpoch,
            ["metric"] = new JsonObject
            {
                ["name"] = report.Evaluation.Primary.Name,
                ["onnx"] = Math.Round(report.Evaluation.Primary.Value, 6),
                ["training"] = t.BestMetric is double b ? Math.Round(b, 6) : null,
            },
            ["epochs"] = new JsonArray([.. t.History.Select(h => (JsonNode)new JsonObject
            {
                ["epoch"] = h.Epoch,
                ["loss"] = Math.Round(h.Loss, 6),
                ["metric"] = Math.Round(h.Metric, 6),
                ["lr"] = h.LearningRate,
                ["seconds"] = Math.Round(h.TrainSeconds + h.ValidationSeconds, 1),
                ["imagesPerSecond"] = Math.Round(h.ImagesPerSecond, 1),
                ["best"] = h.IsBest,
            })]),
        };
        return json.ToJsonString(Indented);
    }
}
