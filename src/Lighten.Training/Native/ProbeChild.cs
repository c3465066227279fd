using System.Globalization;
using Lighten.Core.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Lighten.Training.Native;

/// <summary>
/// The entry point of the probe process (<c>Lighten.NativeProbe</c>), one remedy per process because an ISA limit only
/// takes effect before libtorch loads:
/// <list type="bullet">
/// <item><c>probe --remedy NAME [--throughput]</c>: the kernel cases (<see cref="KernelProbe"/>);</item>
/// <item><c>throughput --remedy NAME --model M --size S --batch B --steps N [--threads T]</c>: <c>throughput IMAGES_PER_SECOND</c>;</item>
/// <item><c>gradients --remedy NAME --model FILE.onnx --out FILE</c>: the parameter gradients of one seeded training step
/// of an ONNX model, written by <see cref="GradientFile"/>.</item>
/// </list>
/// </summary>
public static class ProbeChild
{
    /// <summary>Runs the child and returns its exit code (2 for bad arguments).</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 0) return Usage("no mode");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--throughput") flags.Add(args[i]);
            else if (i + 1 < args.Length) options[args[i]] = args[++i];
            else return Usage($"option '{args[i]}' has no value");
        }
        var remedy = NativeRemedy.Find(options.GetValueOrDefault("--remedy", NativeRemedy.Default.Name));
        if (remedy is null) return Usage($"--remedy: unknown remedy (known: {NativeRemedy.Names})");
        NativeEngine.UseInThisProcess(remedy, "the probe child's own remedy");
        if (options.TryGetValue("--threads", out var threads)) set_num_threads(int.Parse(threads, CultureInfo.InvariantCulture));
        switch (args[0])
        {
            case "probe":
                KernelProbe.Run(remedy, flags.Contains("--throughput"), Console.Out);
                return 0;
            case "throughput":
                var rate = TrainingThroughput.Measure(options["--model"], Int(options, "--size", 64), Int(options, "--batch", 32), Int(options, "--steps", 3));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput {rate:R}"));
                return 0;
            case "gradients":
                GradientFile.Write(options["--out"], Gradients(options["--model"]));
                return 0;
            default:
                return Usage($"unknown mode '{args[0]}'");
        }
    }

    /// <summary>The gradient of every parameter after one seeded forward and backward of <paramref name="onnxFile"/> in training mode.</summary>
    public static IReadOnlyList<(string Name, float[] Values)> Gradients(string onnxFile)
    {
        using var scope = NewDisposeScope();
        var graph = OnnxImporter.Load(onnxFile);
        using var module = new GraphModule(graph);
        module.train();
        var dims = graph.Inputs[0].Shape!.Dims.Select((d, i) => i == 0 ? 2 : d.Value ?? 64).ToArray();
        var generator = new Generator(11);
        var output = module.forward(randn(dims, generator: generator));
        (output * randn(output.shape, generator: generator)).sum().backward();
        return [.. module.named_parameters().Select(p => (p.name, p.parameter.grad!.contiguous().data<float>().ToArray()))];
    }

    private static int Int(Dictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"lighten native probe: {problem}; usage: probe|throughput|gradients --remedy NAME ...");
        return 2;
    }
}
