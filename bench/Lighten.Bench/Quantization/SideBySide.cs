using System.Globalization;
using Lighten.Runtime;

namespace Lighten.Bench.Quantization;

/// <summary>Median batch-1 latency of two models measured in alternating rounds (A B, B A, ...) so machine drift hits both.</summary>
public static class SideBySide
{
    public static (LatencyStats A, LatencyStats B) Run(string a, string b, SessionOptionsSpec spec, int rounds, int runs, TextWriter output, string labelA, string labelB)
    {
        var samplesA = new List<double>();
        var samplesB = new List<double>();
        using (var sa = ModelSession.Open(a, spec))
        using (var sb = ModelSession.Open(b, spec))
        {
            for (int round = 0; round < rounds; round++)
            {
                void MeasureA() => samplesA.AddRange(LatencyBenchmark.Measure(sa, 3, runs).SamplesMs);
                void MeasureB() => samplesB.AddRange(LatencyBenchmark.Measure(sb, 3, runs).SamplesMs);
                if (round % 2 == 0) { MeasureA(); MeasureB(); }
                else { MeasureB(); MeasureA(); }
            }
        }
        var sA = LatencyStats.From(samplesA);
        var sB = LatencyStats.From(samplesB);
        output.WriteLine(F($"  {"",-10}{"min",9}{"median",9}{"p90",9}  (ms, {rounds} rounds x {runs} runs, {spec.Threads} threads)"));
        output.WriteLine(F($"  {labelA,-10}{sA.Min,9:0.00}{sA.Median,9:0.00}{sA.P90,9:0.00}"));
        output.WriteLine(F($"  {labelB,-10}{sB.Min,9:0.00}{sB.Median,9:0.00}{sB.P90,9:0.00}"));
        output.WriteLine(F($"  {labelA}/{labelB} median ratio: {sA.Median / sB.Median:0.00}x"));
        return (sA, sB);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
