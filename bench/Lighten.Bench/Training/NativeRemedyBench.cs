using System.Diagnostics;
using System.Globalization;
using Lighten.Core.Zoo;
using Lighten.Training.Native;

namespace Lighten.Bench.Training;

/// <summary>
/// Training throughput of every native remedy (<see cref="NativeRemedy.All"/>) side by side: for each zoo model and input
/// size, each remedy runs a training step in its own probe child (<c>Lighten.NativeProbe throughput</c>), since an ISA limit
/// only takes effect before libtorch loads. Rounds are interleaved and the remedy order rotates every round, so that load
/// from elsewhere on the machine hits all remedies alike. A child that dies (SIGFPE in oneDNN on CPUs hiding their cache
/// topology), hangs or fails is recorded so and not run again for that model and size. The table gives each remedy's median
/// images/s and its ratio to the default: the median of the per-round ratios, or, when the default died, the median of the
/// per-round ratios to the fastest survivor.
/// <c>native-remedies [--models resnet18,mobilenet_v2] [--sizes 64,128] [--batch 32] [--steps 3] [--rounds 3] [--threads 2] [--timeout-minutes 10]</c>.
/// </summary>
public static class NativeRemedyBench
{
    /// <summary>The first argument that selects this benchmark.</summary>
    public const string Command = "native-remedies";

    private sealed record Options(string[] Models, int[] Sizes, int Batch, int Steps, int Rounds, int Threads, int TimeoutMinutes);

    /// <summary>One remedy's measurements at one model and size: images/s per round (NaN where not run), or how it failed.</summary>
    private sealed record Trial(NativeRemedy Remedy, double[] Rates)
    {
        public string? Failure { get; set; }
        public double Median => Median(Rates.Where(double.IsFinite));
    }

    /// <summary>Runs the benchmark and prints the table; 2 for bad arguments.</summary>
    public static int Run(string[] args)
    {
        Options o;
        try { o = Parse(args); }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"native-remedies: {e.Message}");
            return 2;
        }
        var cpu = CpuInspector.Inspect();
        Console.WriteLine($"native remedies on {cpu.Model} ({cpu.TopologyNote}): training step, batch {o.Batch}, {o.Steps} timed steps " +
            $"after 1 warm-up, {o.Threads} thread(s), {o.Rounds} interleaved rounds (remedy order rotates), one child process per run");
        var runner = new ProbeRunner(timeout: TimeSpan.FromMinutes(o.TimeoutMinutes));
        var results = new List<(string Model, int Size, Trial[] Trials)>();
        var total = Stopwatch.StartNew();
        foreach (var model in o.Models)
            foreach (var size in o.Sizes)
                results.Add((model, size, Measure(runner, model, size, o)));
        Console.WriteLine();
        Print(results);
        Console.WriteLine($"wall time {total.Elapsed.TotalMinutes:F1} min");
        return 0;
    }

    private static Trial[] Measure(ProbeRunner runner, string model, int size, Options o)
    {
        var all = NativeRemedy.All;
        var trials = all.Select(r => new Trial(r, Enumerable.Repeat(double.NaN, o.Rounds).ToArray())).ToArray();
        for (int round = 0; round < o.Rounds; round++)
            for (int k = 0; k < all.Count; k++)
            {
                var trial = trials[(k + round) % all.Count];
                if (trial.Failure is not null) continue;
                var watch = Stopwatch.StartNew();
                var run = runner.Start(["throughput", "--remedy", trial.Remedy.Name, "--model", model, .. Numbers("--size", size),
                    .. Numbers("--batch", o.Batch), .. Numbers("--steps", o.Steps), .. Numbers("--threads", o.Threads)]);
                if (run.Signal is int signal) trial.Failure = $"died ({ProbeVerdict.SignalName(signal)})";
                else if (run.TimedOut) trial.Failure = "hung";
                else if (run.ExitCode != 0 || run.Throughput is not double rate) trial.Failure = $"failed (exit {run.ExitCode})";
                else trial.Rates[round] = rate;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round + 1} {model} {size}: {trial.Remedy.Name,-13} {trial.Failure ?? $"{trial.Rates[round]:F1} images/s"} ({watch.Elapsed.TotalSeconds:F0} s)") +
                    (trial.Failure is not null && run.LastError is { } error ? $"; {error}" : ""));
            }
        return trials;
    }

    private static void Print(List<(string Model, int Size, Trial[] Trials)> results)
    {
        var rows = results.Select(r => (r.Model, r.Size, r.Trials, Base: Baseline(r.Trials))).ToList();
        foreach (var (model, size, trials, baseline) in rows)
            if (baseline is not null && baseline.Remedy != NativeRemedy.Default)
                Console.WriteLine($"{model} {size}: default {trials[0].Failure}; its ratios are to {baseline.Remedy.Name}, the fastest survivor");
        Console.WriteLine($"{"model",-14} {"size",4}" + string.Concat(NativeRemedy.All.Select(r => $"  {r.Name + " img/s, ratio",26}")));
        foreach (var (model, size, trials, baseline) in rows)
            Console.WriteLine($"{model,-14} {size,4}" + string.Concat(trials.Select(t => $"  {Cell(t, baseline),26}")));
        foreach (var (model, size, trials, baseline) in rows)
            Console.WriteLine(baseline is null
                ? $"{model} {size}: no remedy survived"
                : string.Create(CultureInfo.InvariantCulture, $"{model} {size}: fastest surviving remedy {trials.Where(t => t.Failure is null).MaxBy(t => t.Median)!.Remedy.Name}"));
    }

    /// <summary>The default when it survived, else the fastest survivor, else null.</summary>
    private static Trial? Baseline(Trial[] trials) =>
        trials[0].Failure is null ? trials[0] : trials.Where(t => t.Failure is null).MaxBy(t => t.Median);

    private static string Cell(Trial t, Trial? baseline)
    {
        if (t.Failure is not null || baseline is null) return t.Failure ?? "";
        var ratios = t.Rates.Zip(baseline.Rates, (a, b) => a / b).Where(double.IsFinite);
        return string.Create(CultureInfo.InvariantCulture, $"{t.Median:F1}  x{Median(ratios):F3}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string[] Numbers(string name, int value) => [name, value.ToString(CultureInfo.InvariantCulture)];

    private static Options Parse(string[] args)
    {
        var o = new Options(["resnet18", "mobilenet_v2"], [64, 128], 32, 3, 3, 2, 10);
        for (int i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) throw new ArgumentException($"option '{args[i]}' has no value");
            var value = args[i + 1];
            int Int() => int.Parse(value, CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new ArgumentException($"{args[i]} must be positive");
            o = args[i] switch
            {
                "--models" => o with { Models = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--sizes" => o with { Sizes = [.. value.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] },
                "--batch" => o with { Batch = Int() },
                "--steps" => o with { Steps = Int() },
                "--rounds" => o with { Rounds = Int() },
                "--threads" => o with { Threads = Int() },
                "--timeout-minutes" => o with { TimeoutMinutes = Int() },
                _ => throw new ArgumentException($"unknown option '{args[i]}' (--models, --sizes, --batch, --steps, --rounds, --threads, --timeout-minutes)"),
            };
        }
        if (o.Models.FirstOrDefault(m => !ModelZoo.Names.Contains(m)) is { } unknown)
            throw new ArgumentException($"unknown model '{unknown}' (zoo: {string.Join(", ", ModelZoo.Names)})");
        return o;
    }
}
