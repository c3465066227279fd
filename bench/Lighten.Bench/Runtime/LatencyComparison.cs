using System.Globalization;
using Lighten.Runtime;

namespace Lighten.Bench.Runtime;

/// <summary>
/// <see cref="LatencyBenchmark"/> against <see cref="PlainOrtLoop"/> on one model: same session options, same
/// inputs, same run counts, alternated in rounds (A B, B A, ...) so that drift of the machine hits both sides.
/// Each round opens a fresh session on each side. Prints per-side statistics and the ratio of the medians.
/// </summary>
public static class LatencyComparison
{
    public static double Run(string model, SessionOptionsSpec spec, int rounds, int warmup, int runsPerRound, TextWriter output)
    {
        var lighten = new List<double>();
        var plain = new List<double>();
        var roundRatios = new List<double>();
        using (var session = ModelSession.Open(model, spec))
        using (var inputs = InputTensors.Create(session.Inputs, model))
        {
            for (int round = 0; round < rounds; round++)
            {
                double[] a = [], b = [];
                void MeasureLighten() => a = [.. LatencyBenchmark.Run(model, spec, warmup, runsPerRound).SamplesMs];
                void MeasurePlain() => b = PlainOrtLoop.Measure(model, spec, inputs.Names, inputs.Values, warmup, runsPerRound);
                if (round % 2 == 0)
                {
                    MeasureLighten();
                    MeasurePlain();
                }
                else
                {
                    MeasurePlain();
                    MeasureLighten();
                }
                lighten.AddRange(a);
                plain.AddRange(b);
                roundRatios.Add(LatencyStats.From(a).Median / LatencyStats.From(b).Median);
            }
        }
        var l = LatencyStats.From(lighten);
        var p = LatencyStats.From(plain);
        double ratio = l.Median / p.Median;
        output.WriteLine($"{Path.GetFileName(model)}  threads={spec.Threads}  {rounds} rounds x {runsPerRound} runs (warm-up {warmup})");
        output.WriteLine($"  {"",-18}{"min",9}{"median",9}{"p90",9}{"mean",9}{"stddev",9}  (ms)");
        output.WriteLine(Row("LatencyBenchmark", l));
        output.WriteLine(Row("plain ORT loop", p));
        output.WriteLine(F($"  median ratio LatencyBenchmark / plain = {ratio:0.000}   per round: {string.Join(" ", roundRatios.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)))}"));
        return ratio;
    }

    private static string Row(string name, LatencyStats s) =>
        F($"  {name,-18}{s.Min,9:0.000}{s.Median,9:0.000}{s.P90,9:0.000}{s.Mean,9:0.000}{s.StdDev,9:0.000}");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
