using System.Diagnostics;
using System.Globalization;
using Lighten.Core.Zoo;
using Lighten.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Lighten.Bench;

/// <summary>
/// One training step (forward, cross-entropy, backward, SGD with momentum) of a zoo graph run by
/// <see cref="GraphModule"/> against TorchVision's own module of the same architecture, at the same input,
/// batch and thread count, in one process. Steps alternate between the two (the order flips every round)
/// so that load from elsewhere on the machine hits both alike; the ratio is the median of the per-round
/// ratios. BenchmarkDotNet is not used here: it runs one benchmark after the other, and a step takes seconds.
/// </summary>
public static class TrainingStepComparison
{
    /// <summary>The first argument that selects this comparison.</summary>
    public const string Command = "training-step";

    private sealed record Options(string[] Models, int Batch, int Size, int Rounds, int Threads);

    /// <summary>
    /// Runs <c>training-step [--model resnet50|mobilenet_v2] [--batch 8] [--size 224] [--rounds 8] [--threads 2]</c>
    /// (both models when --model is not given) and prints one line per model.
    /// </summary>
    public static int Run(string[] args)
    {
        var o = Parse(args);
        torch.set_num_threads(o.Threads);
        Console.WriteLine($"training step, batch {o.Batch}, {o.Size}x{o.Size}, {o.Threads} thread(s), {o.Rounds} rounds after 2 warm-up rounds");
        Console.WriteLine($"{"model",-14} {"TorchVision ms",15} {"GraphModule ms",15} {"ratio (median of rounds)",25}");
        foreach (var model in o.Models) Compare(model, o);
        return 0;
    }

    private static void Compare(string model, Options o)
    {
        torch.manual_seed(1);
        using var vision = Vision(model);
        using var graph = new GraphModule(ModelZoo.Build(model, new ZooOptions { InputHeight = o.Size, InputWidth = o.Size, Classes = 1000, Seed = 1 }));
        long visionParams = vision.parameters().Sum(p => p.numel()), graphParams = graph.parameters().Sum(p => p.numel());
        if (visionParams != graphParams) throw new InvalidOperationException($"{model}: TorchVision has {visionParams} parameters, the zoo graph {graphParams}");
        vision.train();
        graph.train();
        using var visionOptimizer = optim.SGD(vision.parameters(), 1e-3, momentum: 0.9);
        using var graphOptimizer = optim.SGD(graph.parameters(), 1e-3, momentum: 0.9);
        using var input = randn(o.Batch, 3, o.Size, o.Size);
        using var labels = randint(0, 1000, [o.Batch]);

        var visionTimes = new List<double>();
        var graphTimes = new List<double>();
        for (int round = -2; round < o.Rounds; round++)
        {
            bool visionFirst = round % 2 == 0;
            double a = visionFirst ? Time(vision, visionOptimizer, input, labels) : Time(graph, graphOptimizer, input, labels);
            double b = visionFirst ? Time(graph, graphOptimizer, input, labels) : Time(vision, visionOptimizer, input, labels);
            if (round < 0) continue;
            visionTimes.Add(visionFirst ? a : b);
            graphTimes.Add(visionFirst ? b : a);
        }
        var ratios = graphTimes.Zip(visionTimes, (g, v) => g / v).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{model,-14} {Median(visionTimes),15:F0} {Median(graphTimes),15:F0} {Median(ratios),25:F3}   (min {visionTimes.Min():F0} / {graphTimes.Min():F0} ms)"));
    }

    private static nn.Module<Tensor, Tensor> Vision(string model) => model switch
    {
        "resnet50" => torchvision.models.resnet50(),
        "mobilenet_v2" => torchvision.models.mobilenet_v2(),
        _ => throw new ArgumentException($"no TorchVision model '{model}' to compare with (resnet50, mobilenet_v2)"),
    };

    private static double Time(nn.Module<Tensor, Tensor> module, optim.Optimizer optimizer, Tensor input, Tensor labels)
    {
        var watch = Stopwatch.StartNew();
        using (NewDisposeScope())
        {
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(module.forward(input), labels);
            loss.backward();
            optimizer.step();
            _ = loss.item<float>();
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static Options Parse(string[] args)
    {
        var o = new Options(["resnet50", "mobilenet_v2"], 8, 224, 8, 2);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            o = args[i] switch
            {
                "--model" => o with { Models = [value] },
                "--batch" => o with { Batch = int.Parse(value, CultureInfo.InvariantCulture) },
                "--size" => o with { Size = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rounds" => o with { Rounds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--threads" => o with { Threads = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option '{args[i]}' (--model, --batch, --size, --rounds, --threads)"),
            };
        }
        if (args.Length % 2 != 0) throw new ArgumentException($"option '{args[^1]}' has no value");
        return o;
    }
}
