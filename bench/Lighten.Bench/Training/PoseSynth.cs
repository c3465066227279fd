using System.Globalization;
using Lighten.Data.Synthetic;

namespace Lighten.Bench.Training;

/// <summary>
/// A synthetic pose set with the generator's difficulty knobs set, for recipe experiments:
/// <c>pose-synth --out DIR --count N --size S --seed K [--background cluttered|plain] [--noise true|false]
/// [--truncation P] [--occluders P] [--back-view P]</c>.
/// </summary>
public static class PoseSynth
{
    public static int Run(string[] args)
    {
        var o = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2) o[args[i].TrimStart('-')] = args[i + 1];
        double D(string key, double fallback) => o.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var defaults = new SyntheticPoseOptions();
        var options = defaults with
        {
            Count = (int)D("count", 1000),
            Size = (int)D("size", 64),
            Seed = (int)D("seed", 0),
            Background = o.GetValueOrDefault("background") == "plain" ? SyntheticBackground.Plain : SyntheticBackground.Cluttered,
            Noise = o.GetValueOrDefault("noise", "true") == "true",
            TruncationProbability = D("truncation", defaults.TruncationProbability),
            OccluderProbability = D("occluders", defaults.OccluderProbability),
            BackViewProbability = D("back-view", defaults.BackViewProbability),
        };
        var summary = SyntheticPose.Generate(o["out"], options);
        Console.WriteLine($"wrote {summary}");
        return 0;
    }
}
