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
    [Fact]
    public async Task A_native_crash_in_every_probe_is_exit_code_5_and_one_line()
    {
        var root = TempDir();
        var data = TinyImageFolder.Create(Path.Combine(root, "data"));
        var model = Path.Combine(root, "tiny.onnx");
        OnnxExporter.Save(TinyNet.Classifier(TinyImageFolder.Classes.Length, 32), model);
        var output = Path.Combine(root, "out.onnx");
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            ArgumentList = { "exec", Path.Combine(AppContext.BaseDirectory, "lighten.dll"),
                "train", "--model", model, "--task", "classify", "--data", data, "--epochs", "1", "-o", output },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                [KernelProbe.CrashVariable] = "all",
                ["LIGHTEN_CACHE_DIR"] = Path.Combine(root, "cache"),
            },
        };
        start.Environment.Remove(NativeRemedy.ForceVariable);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);
        await stdout;

        Assert.Equal(5, process.ExitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("lighten: error: libtorch cannot train on this CPU: strided 1×1 convolution (backward data) died by signal SIGFPE", lines[0]);
        Assert.Contains("ONEDNN_MAX_CPU_ISA", lines[0]);
        Assert.False(File.Exists(output));
        Assert.Single(Directory.GetFiles(Path.Combine(root, "cache"), "native-probe-*.json"));
    }
}
