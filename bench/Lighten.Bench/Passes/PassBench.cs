using System.Diagnostics;
using System.Globalization;
using Lighten.Core;
using Lighten.Core.Analysis;
using Lighten.Core.Transforms.Cleanup;
using Lighten.Core.Transforms.Opset;
using Lighten.Core.Transforms.Fp16;
using Lighten.Core.Transforms.Prune;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Bench.Passes;

/// <summary>
/// <c>dotnet run -c Release --project bench/Lighten.Bench -- passes [--nodes 50000,12500] [--timeout 120] [--only name,...]</c>:
/// times every graph pass once on a generated residual CNN of about N nodes (<see cref="DeepGraph"/>) and prints seconds
/// per pass. Each pass runs in a child process of its own, so that a pass slower than the timeout is killed and reported
/// as a lower bound without slowing the next.
/// </summary>
public static class PassBench
{
    private static readonly (string Name, Func<Graph, object> Run)[] Passes =
    [
        ("shape inference", g => ShapeInference.Run(g)),
        ("validation", g => { GraphValidator.Validate(g); return g; }),
        ("fold constants", g => FoldConstants.Run(g)),
        ("remove identity", g => RemoveIdentity.Run(g)),
        ("fold batchnorm", g => FoldBatchNorm.Run(g)),
        ("privatize initializers", g => PrivatizeInitializers.Run(g)),
        ("upgrade opset 11→13", g => UpgradeOpset.Run(g with { Opsets = [new OpsetImport("", 11)] }, 13)),
        ("profiler", g => Profiler.Run(g)),
        ("prune analysis", g => PruneChannels.Analyze(g)),
        ("quantization plan", g => QuantizationPlan.Build(g)),
        ("quantize QDQ", g => QuantizeQdq.Run(g, AllRanges(g))),
        ("fp16 conversion", g => ConvertToFp16.Run(g)),
    ];

    public static int Run(string[] args)
    {
        int[] sizes = [12_500, 50_000];
        double timeout = 120;
        string[]? only = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--nodes": sizes = [.. args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]; break;
                case "--timeout": timeout = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--only": only = args[++i].Split(','); break;
                case "--child": return Child(int.Parse(args[++i], CultureInfo.InvariantCulture), args[++i]);
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        var passes = Passes.Where(p => only is null || only.Contains(p.Name)).ToArray();
        var seconds = new Dictionary<(string, int), string>();
        foreach (int size in sizes)
        {
            var g = DeepGraph.Build(size);
            Console.Error.WriteLine($"{size}: {g.Nodes.Length} nodes, {g.Initializers.Count} initializers");
            foreach (var (name, _) in passes)
            {
                seconds[(name, size)] = Measure(size, name, timeout);
                Console.Error.WriteLine($"  {name}: {seconds[(name, size)]}");
            }
        }
        Console.WriteLine($"| pass | {string.Join(" | ", sizes.Select(s => $"{s:N0} nodes (s)"))} |" + (sizes.Length == 2 ? " ratio |" : ""));
        Console.WriteLine($"|---|{string.Concat(sizes.Select(_ => "---|"))}" + (sizes.Length == 2 ? "---|" : ""));
        foreach (var (name, _) in passes)
        {
            var cells = sizes.Select(s => seconds[(name, s)]).ToList();
            var ratio = sizes.Length == 2 && double.TryParse(cells[0], CultureInfo.InvariantCulture, out var a)
                && double.TryParse(cells[1], CultureInfo.InvariantCulture, out var b) && a > 0
                ? $" {b / a:F1}× |" : sizes.Length == 2 ? " |" : "";
            Console.WriteLine($"| {name} | {string.Join(" | ", cells)} |{ratio}");
        }
        return 0;
    }

    private static string Measure(int size, string pass, double timeout)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "passes", "--child", size.ToString(CultureInfo.InvariantCulture), pass }) start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        if (!child.WaitForExit(TimeSpan.FromSeconds(timeout)))
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            return $"> {timeout:F0}";
        }
        var text = output.Result.Trim();
        return child.ExitCode == 0 ? text : $"failed ({child.ExitCode})";
    }

    private static int Child(int size, string pass)
    {
        var run = Passes.Single(p => p.Name == pass).Run;
        var g = DeepGraph.Build(size);
        var clock = Stopwatch.StartNew();
        run(g);
        Console.WriteLine(clock.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture));
        return 0;
    }

    private static Dictionary<string, ActivationRange> AllRanges(Graph g)
    {
        var ranges = new Dictionary<string, ActivationRange>(StringComparer.Ordinal);
        foreach (var i in g.Inputs) ranges[i.Name] = new ActivationRange(-1, 1);
        foreach (var n in g.Nodes)
            foreach (var o in n.Outputs) ranges[o] = new ActivationRange(-1, 1);
        return ranges;
    }
}

/// <summary>
/// A long residual CNN of small tensors: blocks of Conv → BatchNormalization → Relu → Identity → Mul by a Constant →
/// Add of the block's input (7 nodes each), every Conv sharing one bias initializer. Large in nodes, small in data.
/// </summary>
public static class DeepGraph
{
    private const int Channels = 4;

    public static Graph Build(int nodes, int seed = 1)
    {
        var random = new Random(seed);
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("input", ElementType.Float, new TensorShape([1, Channels, 4, 4])));
        b.SetInitializer("shared.bias", TensorData.FromFloats([Channels], new float[Channels]));
        string x = "input";
        for (int i = 0; i < nodes / 7; i++)
        {
            var weights = new float[Channels * Channels * 9];
            for (int j = 0; j < weights.Length; j++) weights[j] = (float)(random.NextDouble() - 0.5) * 0.1f;
            b.SetInitializer($"w{i}", TensorData.FromFloats([Channels, Channels, 3, 3], weights));
            foreach (var p in new[] { "scale", "b", "mean" }) b.SetInitializer($"bn{i}.{p}", TensorData.FromFloats([Channels], Fill(p == "scale" ? 1 : 0)));
            b.SetInitializer($"bn{i}.var", TensorData.FromFloats([Channels], Fill(1)));
            b.AddNode(new Node($"conv{i}", "Conv", [x, $"w{i}", "shared.bias"], [$"c{i}"],
                [new("pads", new IntsAttribute([1, 1, 1, 1])), new("kernel_shape", new IntsAttribute([3, 3]))]));
            b.AddNode(new Node($"bn{i}", "BatchNormalization", [$"c{i}", $"bn{i}.scale", $"bn{i}.b", $"bn{i}.mean", $"bn{i}.var"], [$"n{i}"]));
            b.AddNode(new Node($"relu{i}", "Relu", [$"n{i}"], [$"r{i}"]));
            b.AddNode(new Node($"id{i}", "Identity", [$"r{i}"], [$"i{i}"]));
            b.AddNode(new Node($"k{i}", "Constant", [], [$"k{i}"], [new("value_float", new FloatAttribute(0.5f))]));
            b.AddNode(new Node($"mul{i}", "Mul", [$"i{i}", $"k{i}"], [$"m{i}"]));
            b.AddNode(new Node($"add{i}", "Add", [x, $"m{i}"], [$"a{i}"]));
            x = $"a{i}";
        }
        b.Outputs.Add(new ValueInfo(x, ElementType.Float, null));
        return b.ToGraph() with { Name = "deep_residual", Opsets = [new OpsetImport("", 13)] };
    }

    private static float[] Fill(float value) => [.. Enumerable.Repeat(value, Channels)];
}
