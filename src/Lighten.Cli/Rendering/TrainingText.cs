using System.Globalization;
using Lighten.Training.Trainer;

namespace Lighten.Cli.Rendering;

/// <summary>The words and numbers of training progress, shared by the progress bars, the plain log and the report.</summary>
internal static class TrainingText
{
    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (100 * fraction).ToString("0.00", CultureInfo.InvariantCulture);

    public static string Epoch(int epoch, int epochs) => epoch == 0 ? "start" : string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{epochs}");

    public static string Step(TrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"loss {Number(p.Loss)}  lr {p.LearningRate:0.###e0}  {p.ImagesPerSecond:0.0} img/s");

    public static string Summary(EpochSummary s, string metric)
    {
        var best = s.IsBest ? " (best)" : "";
        return s.Epoch == 0
            ? $"{metric} {Percent(s.Metric)}{best}"
            : string.Create(CultureInfo.InvariantCulture,
                $"loss {Number(s.Loss)}  {metric} {Percent(s.Metric)}{best}  {s.ImagesPerSecond:0.0} img/s  {s.TrainSeconds + s.ValidationSeconds:0} s");
    }
}
