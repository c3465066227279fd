using System.Diagnostics;
using Lighten.Core.Onnx;
using Lighten.Training.Native;
using Lighten.Training.Tests.Trainer;
using static Lighten.Cli.Tests.CliRunner;

namespace Lighten.Cli.Tests;

/// <summary>
/// The lighten command in its own process on a machine where every native kernel path dies: the probe's children are told to
/// kill themselves with SIGFPE (as libtorch's oneDNN does on CPUs hiding their cache topology), and the command must end
/// with exit code 5 and one line naming the kernel class and the workaround — never a bare 136.
/// </summary>
public class NativeCrashTests
{
    private sealed record Run(int ExitCode, string Out, string Error, string Root, string Output);

    /// <summary>Runs <c>lighten train</c> on a tiny classifier in its own process with <paramref name="environment"/> and a fresh cache folder.</summary>
    private static async Task<Run> TrainInChild(params (string Name, string Value)[] environment)
    {
        var root = TempDir();
        var data = TinyImageFolder.Create(Path.Combine(root, "data"));
        var model = Path.Combine(root, "tiny.onnx");
        OnnxExporter.Save(TinyNet.Classifier(TinyImageFolder.Classes.Length, 32), model);
        var output = Path.Combine(root, "out.onnx");
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            ArgumentList = { "exec", Path.Combine(AppContext.BaseDirectory, "lighten.dll"),
                "train", "--model", model, "--task", "classify", "--data", data, "--epochs", "1", "--batch", "8", "-o", output },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove(NativeRemedy.ForceVariable);
        start.Environment.Remove(KernelProbe.CrashVariable);
        start.Environment["LIGHTEN_CACHE_DIR"] = Path.Combine(root, "cache");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);
        return new Run(process.ExitCode, await stdout, stderr, root, output);
    }

    [Fact]
    public async Task A_native_crash_in_every_probe_is_exit_code_5_and_one_line()
    {
        var run = await TrainInChild((KernelProbe.CrashVariable, "all"));
        Assert.Equal(5, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("lighten: error: libtorch cannot train on this CPU: strided 1×1 convolution (backward data) died by signal SIGFPE", lines[0]);
        Assert.Contains("ONEDNN_MAX_CPU_ISA", lines[0]);
        Assert.False(File.Exists(run.Output));
        var verdict = Assert.Single(Directory.GetFiles(Path.Combine(run.Root, "cache"), "native-probe-*.json"));
        Assert.Contains("LIGHTEN_PROBE_CRASH=all", File.ReadAllText(verdict));
    }

    [Fact]
    public async Task A_forced_remedy_trains_and_says_so_in_one_line()
    {
        var run = await TrainInChild((NativeRemedy.ForceVariable, NativeRemedy.NoOneDnn.Name));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(run.Output));
        var notices = run.Error.Split('\n').Where(l => l.StartsWith("lighten: native engine:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["lighten: native engine: PyTorch's own convolution kernels (oneDNN and NNPACK off) (forced: LIGHTEN_NATIVE_REMEDY=no-onednn)"], notices);
        Assert.DoesNotContain("NNPACK.cpp", run.Error);
        Assert.False(Directory.Exists(Path.Combine(run.Root, "cache")), "a forced remedy probes nothing");
    }
}
