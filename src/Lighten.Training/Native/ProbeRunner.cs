using System.Diagnostics;
using System.Globalization;

namespace Lighten.Training.Native;

/// <summary>
/// The probe's parent side: starts <c>Lighten.NativeProbe</c> in a child process with one remedy, reads its lines, and tells
/// how it ended. A child that dies by a signal (a native crash cannot be caught in .NET) is a result, not a crash of ours.
/// </summary>
/// <param name="probeAssembly">The probe assembly (default: <see cref="AssemblyFile"/> beside the application).</param>
/// <param name="timeout">How long a child may run before it counts as hung (default 5 minutes).</param>
/// <param name="environment">Variables set in every child on top of this process's (tests simulate crashes with them).</param>
public sealed class ProbeRunner(string? probeAssembly = null, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
{
    /// <summary>The probe's file name, beside the application.</summary>
    public const string AssemblyFile = "Lighten.NativeProbe.dll";

    /// <summary>The probe assembly run in the child.</summary>
    public string ProbeAssembly { get; } = probeAssembly ?? Path.Combine(AppContext.BaseDirectory, AssemblyFile);

    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromMinutes(5);
    private readonly IReadOnlyDictionary<string, string>? _environment = environment;

    /// <summary>Runs the kernel cases under <paramref name="remedy"/> (and the timed step when <paramref name="throughput"/>).</summary>
    public CandidateResult Probe(NativeRemedy remedy, bool throughput)
    {
        var run = Start(["probe", "--remedy", remedy.Name, .. throughput ? new[] { "--throughput" } : []]);
        string? lastCase = null;
        double fp32 = 0, bf16 = 0;
        string? fp32Kernel = null, bf16Kernel = null;
        bool done = false;
        var bf16Wrong = new List<string>();
        foreach (var line in run.Lines)
        {
            var words = line.Split(' ');
            switch (words[0])
            {
                case "case": lastCase = words[1]; break;
                case "checked":
                    double a = Number(words[2]);
                    if (a > fp32 || double.IsNaN(a)) (fp32, fp32Kernel) = (double.IsNaN(a) ? double.PositiveInfinity : a, words[1]);
                    if (words[3] != "-" && Number(words[3]) is var b)
                    {
                        if (b > bf16 || double.IsNaN(b)) (bf16, bf16Kernel) = (double.IsNaN(b) ? double.PositiveInfinity : b, words[1]);
                        if (!(b <= ProbeVerdict.Bf16Tolerance)) bf16Wrong.Add(words[1]);
                    }
                    break;
                case "done": done = true; break;
            }
        }
        string? Named(string? id) => id is null ? null : KernelCase.Find(id)?.Name ?? id;
        if (run.TimedOut) return new(remedy.Name, "hung", Named(lastCase), null, null, null, null, null, null);
        if (run.Signal is int signal) return new(remedy.Name, "died", Named(lastCase), signal, null, null, null, null, run.LastError);
        if (run.ExitCode != 0 || !done) return new(remedy.Name, "failed", Named(lastCase), null, null, null, null, null, run.LastError ?? $"exit code {run.ExitCode}");
        var outcome = fp32 <= ProbeVerdict.Fp32Tolerance ? "ok" : "wrong";
        return new(remedy.Name, outcome, outcome == "ok" ? null : Named(fp32Kernel), null, fp32, bf16Kernel is null ? null : bf16, Named(bf16Kernel), run.Throughput, null, bf16Wrong);
    }

    /// <summary>Runs the child with <paramref name="arguments"/> and returns its lines and how it ended.</summary>
    public ChildRun Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(ProbeAssembly))
            throw new NativeEngineException($"the native probe {AssemblyFile} is missing beside {Path.GetDirectoryName(ProbeAssembly)} " +
                "(a project that trains must reference src/Lighten.NativeProbe)");
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(ProbeAssembly);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var set in new[] { _environment, environment })
            foreach (var (name, value) in set ?? new Dictionary<string, string>()) start.Environment[name] = value;
        // The child decides nothing itself: its remedy is the one it is told.
        start.Environment.Remove(NativeRemedy.ForceVariable);
        using var process = Process.Start(start) ?? throw new NativeEngineException($"could not start {DotnetHost.Path} exec {ProbeAssembly}");
        process.StandardInput.Close();
        var lines = new List<string>();
        var errors = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } d) lock (errors) errors.Add(d); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool exited = process.WaitForExit(_timeout);
        if (!exited)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
        }
        process.WaitForExit();
        int code = process.ExitCode;
        // .NET reports a child ended by signal N as exit code 128 + N, as a shell does.
        int? signal = exited && code > 128 && code < 160 ? code - 128 : null;
        var last = errors.Where(e => !e.Contains("NNPACK", StringComparison.Ordinal)).LastOrDefault();
        return new ChildRun([.. lines], code, signal, !exited, last);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}

/// <summary>How a probe child ended.</summary>
/// <param name="Lines">What it wrote to standard output.</param>
/// <param name="ExitCode">Its exit code (128 + N when signal N ended it).</param>
/// <param name="Signal">The signal that ended it, or null.</param>
/// <param name="TimedOut">Whether it was killed for running too long.</param>
/// <param name="LastError">Its last line on standard error, or null.</param>
public sealed record ChildRun(IReadOnlyList<string> Lines, int ExitCode, int? Signal, bool TimedOut, string? LastError)
{
    /// <summary>The images per second of the child's <c>throughput</c> line, or null when it wrote none.</summary>
    public double? Throughput => Lines.LastOrDefault(l => l.StartsWith("throughput ", StringComparison.Ordinal)) is { } line
        ? double.Parse(line["throughput ".Length..], CultureInfo.InvariantCulture)
        : null;
}
