using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Lighten.Training.Native;

/// <summary>
/// The probe's child side: runs every <see cref="KernelCase"/> under the remedy already applied to this process and writes
/// one line per step to its output — <c>case ID</c> before a kernel runs (the last such line names the
/// kernel a native crash happened in), <c>checked ID FP32 BF16</c> with its relative errors after — then, when asked,
/// <c>throughput IMAGES_PER_SECOND</c>, and <c>done</c>.
/// </summary>
public static class KernelProbe
{
    /// <summary>
    /// Names the remedies (comma-separated, or <c>all</c>) under which the child kills itself with SIGFPE where the
    /// strided 1×1 convolution would run: a simulated native crash, for tests and support.
    /// </summary>
    public const string CrashVariable = "LIGHTEN_PROBE_CRASH";

    /// <summary>The case at which a simulated crash happens.</summary>
    public const string CrashCase = "conv1x1-s2";

    /// <summary>Runs the cases and, when <paramref name="throughput"/>, the timed training step.</summary>
    public static void Run(NativeRemedy remedy, bool throughput, TextWriter output)
    {
        bool simulate = SimulatesCrash(remedy.Name, Environment.GetEnvironmentVariable(CrashVariable));
        foreach (var kernel in KernelCase.All)
        {
            output.WriteLine($"case {kernel.Id}");
            output.Flush();
            if (simulate && kernel.Id == CrashCase) NativeEnvironment.DieBySignal(NativeEnvironment.SigFpe);
            var (fp32, bf16) = Check(kernel);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checked {kernel.Id} {fp32:R} {(bf16 is double b ? b.ToString("R", CultureInfo.InvariantCulture) : "-")}"));
            output.Flush();
        }
        if (throughput)
        {
            output.WriteLine("case training-step");
            output.Flush();
            var rate = TrainingThroughput.Measure("resnet18", size: 64, batch: 16, steps: 3);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput {rate:R}"));
        }
        output.WriteLine("done");
        output.Flush();
    }

    /// <summary>Whether <paramref name="setting"/> (the crash variable's value) names <paramref name="remedy"/>.</summary>
    public static bool SimulatesCrash(string remedy, string? setting) =>
        setting is { Length: > 0 } && setting.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(s => s.Equals("all", StringComparison.OrdinalIgnoreCase) || s.Equals(remedy, StringComparison.OrdinalIgnoreCase));

    /// <summary>The largest relative error of the FP32 and (when the case has one) BF16 outputs and gradients against FP64.</summary>
    public static (double Fp32, double? Bf16) Check(KernelCase kernel)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        var inputs = kernel.Shapes.Select(s => randn(s, dtype: float64, generator: generator)).ToArray();
        var reference = Run(kernel, inputs, float64, generator: new Generator(8));
        double fp32 = Error(reference, Run(kernel, inputs, float32, new Generator(8)));
        double? bf16 = kernel.Bf16 ? Error(reference, Run(kernel, inputs, bfloat16, new Generator(8))) : null;
        return (fp32, bf16);
    }

    /// <summary>The output and the gradient of every input, computed in <paramref name="dtype"/>, as FP64.</summary>
    private static Tensor[] Run(KernelCase kernel, Tensor[] inputs, ScalarType dtype, Generator generator)
    {
        var leaves = inputs.Select(t => t.to(dtype).detach().requires_grad_()).ToArray();
        var output = kernel.Op(leaves);
        // A random cotangent rather than a plain sum, so that every gradient element carries its own weight.
        var cotangent = randn(output.shape, dtype: float64, generator: generator).to(dtype);
        (output * cotangent).sum().backward();
        return [output.detach().to(float64), .. leaves.Select(l => l.grad!.to(float64))];
    }

    private static double Error(Tensor[] reference, Tensor[] actual) =>
        reference.Zip(actual, (r, a) => (r - a).norm().item<double>() / Math.Max(r.norm().item<double>(), 1e-30)).Max();
}
