using System.Diagnostics;

namespace Lighten.Training.Native;

/// <summary>
/// Decides, once per process and before libtorch loads, how libtorch's CPU kernels run on this machine, and applies it.
/// The first time a machine trains (per <see cref="ProbeKey"/>), a child process runs every kernel class Lighten trains
/// with under the default kernels; if it dies by a signal or gets FP32 gradients wrong, every safe-mode remedy is probed
/// and timed, and the fastest correct one is kept. The verdict is cached, so later runs pay nothing. The user's own
/// <c>ONEDNN_*</c>/<c>DNNL_*</c> settings always win (only the default is probed, under them); <c>LIGHTEN_NATIVE_REMEDY</c>
/// forces a remedy without probing.
/// </summary>
public static class NativeEngine
{
    private static readonly Lock Gate = new();
    private static NativeEngineState? _current;

    /// <summary>Whether the remedy in force computes strided 1×1 convolutions as a slice and a stride-1 convolution.</summary>
    public static bool SlicesStrided1x1 { get; private set; }

    /// <summary>Whether a BF16 forward keeps strided convolutions in FP32: the probe found their BF16 kernels wrong here and every other BF16 kernel right.</summary>
    public static bool Bf16StridedConvolutionsInFp32 { get; private set; }

    /// <summary>The state applied to this process, or null before <see cref="Prepare"/>.</summary>
    public static NativeEngineState? Current => _current;

    /// <summary>
    /// Decides and applies the native engine for this process (idempotent: later calls return the first state) and writes
    /// the one-line notice to <paramref name="notices"/> (stderr when null) when a safe mode is in force.
    /// </summary>
    /// <exception cref="NativeEngineException">No remedy survives on this machine.</exception>
    public static NativeEngineState Prepare(TextWriter? notices = null)
    {
        lock (Gate)
        {
            if (_current is not null) return _current;
            OpenMpWaiting.PreferPassive();
            var state = Decide(new ProbeCache(), new ProbeRunner());
            if (state.Verdict is { Remedy: null } failed) throw Failure(failed, state.CacheFile);
            Apply(state);
            if (state.Notice is { } notice) (notices ?? Console.Error).WriteLine(notice);
            return state;
        }
    }

    /// <summary>Applies <paramref name="remedy"/> as given, without probing (the probe child's own process, which is told its remedy).</summary>
    public static void UseInThisProcess(NativeRemedy remedy, string reason)
    {
        lock (Gate)
        {
            OpenMpWaiting.PreferPassive();
            var state = new NativeEngineState(remedy, "forced", reason, null, null, CpuInspector.Inspect());
            Apply(state);
        }
    }

    /// <summary>
    /// What this process should run, without applying it: the forced remedy, else the cached verdict for this machine's key,
    /// else a fresh probe (saved to <paramref name="cache"/>). Does not load libtorch.
    /// </summary>
    /// <param name="cache">Where verdicts are kept.</param>
    /// <param name="runner">Starts the probe children.</param>
    /// <param name="environment">The variables that decide (<c>LIGHTEN_NATIVE_REMEDY</c>, the user's oneDNN settings); this process's when null.</param>
    /// <exception cref="NativeEngineException"><c>LIGHTEN_NATIVE_REMEDY</c> names no remedy.</exception>
    public static NativeEngineState Decide(ProbeCache cache, ProbeRunner runner, System.Collections.IDictionary? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables();
        var cpu = CpuInspector.Inspect();
        if (environment[NativeRemedy.ForceVariable] is string { Length: > 0 } forcedName)
        {
            var forced = NativeRemedy.Find(forcedName)
                ?? throw new NativeEngineException($"{NativeRemedy.ForceVariable}={forcedName}: unknown remedy (known: {NativeRemedy.Names})");
            return new NativeEngineState(forced, "forced", $"{NativeRemedy.ForceVariable}={forced.Name}", null, null, cpu);
        }
        var key = ProbeKey.ForThisProcess(cpu, OneDnnSettings.UserSettings(environment));
        // A simulated crash must never leave its verdict where a real run would find it.
        if (environment[KernelProbe.CrashVariable] is string { Length: > 0 } simulated)
            key = key with { Lighten = $"{key.Lighten} ({KernelProbe.CrashVariable}={simulated})" };
        var verdict = cache.TryLoad(key);
        string source = "cached";
        string? file = cache.PathFor(key);
        if (verdict is null)
        {
            try
            {
                using (cache.Lock(TimeSpan.FromMinutes(15)))
                {
                    verdict = cache.TryLoad(key);
                    if (verdict is null)
                    {
                        verdict = Probe(key, cpu, runner);
                        source = "probed";
                        cache.Save(verdict);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Lighten.Core.LightenException and not NativeEngineException)
            {
                // A cache folder that cannot be written costs a probe per process, not the run.
                verdict ??= Probe(key, cpu, runner);
                source = "probed";
                file = null;
            }
        }
        var remedy = verdict.Remedy is null ? NativeRemedy.Default : NativeRemedy.Find(verdict.Remedy) ?? NativeRemedy.Default;
        if (key.UserSettings.Length > 0) source = "user";
        return new NativeEngineState(remedy, source, verdict.Reason, verdict, file, cpu);
    }

    /// <summary>Probes the default kernels, then (when they fail) every remedy, and chooses. The user's oneDNN settings leave only the default.</summary>
    public static ProbeVerdict Probe(ProbeKey key, CpuReport cpu, ProbeRunner runner)
    {
        var watch = Stopwatch.StartNew();
        var results = new List<CandidateResult> { runner.Probe(NativeRemedy.Default, throughput: false) };
        bool userSettings = key.UserSettings.Length > 0;
        if (!results[0].Survived && !userSettings)
            foreach (var remedy in NativeRemedy.All.Skip(1)) results.Add(runner.Probe(remedy, throughput: true));
        var (chosen, reason) = ProbeVerdict.Choose(results, cpu.TopologyNote);
        if (userSettings) reason = $"your {key.UserSettings} is in force: " + (chosen is null ? $"the kernels {ProbeVerdict.Failure(results[0])}" : reason);
        var used = results.FirstOrDefault(r => r.Remedy == chosen);
        var bf16 = used?.Bf16Verdict() ?? new Bf16Verdict(false, null, null);
        return new ProbeVerdict(key, chosen, reason, results, bf16, DateTime.UtcNow, Math.Round(watch.Elapsed.TotalSeconds, 1));
    }

    /// <summary>Refuses BF16 mixed precision when the probe found its gradients wrong on this machine; names the kernel and the error.</summary>
    /// <exception cref="NativeEngineException">BF16 gradients are wrong here.</exception>
    public static void EnsureBf16()
    {
        if (Prepare().Bf16Refusal() is { } refusal) throw refusal;
    }

    /// <summary>The error for a verdict no remedy survived: the failing kernel class and what to try.</summary>
    public static NativeEngineException Failure(ProbeVerdict verdict, string? cacheFile)
    {
        var first = verdict.Candidates.FirstOrDefault();
        var kernel = first?.Kernel ?? "start-up";
        var tried = string.Join(", ", verdict.Candidates.Select(c => $"{c.Remedy} {c.Outcome}"));
        return new NativeEngineException(
            $"libtorch cannot train on this CPU: {kernel} {(first is null ? "failed" : ProbeVerdict.Failure(first).Replace($" in {kernel}", "", StringComparison.Ordinal))} " +
            $"and no remedy survived ({tried}); try another ONEDNN_MAX_CPU_ISA, or {NativeRemedy.ForceVariable}=no-onednn, or another machine" +
            (cacheFile is null ? "" : $" (verdict in {cacheFile}; delete it to probe again)"));
    }

    private static void Apply(NativeEngineState state)
    {
        if (state.Remedy.IsaLimit is not null)
        {
            if (NativeEnvironment.LibTorchLoaded())
                throw new InvalidOperationException($"libtorch was loaded before NativeEngine.Prepare; remedy {state.Remedy.Name} cannot take effect");
            state.Remedy.ApplyBeforeLoad();
        }
        state.Remedy.ApplyAfterLoad();
        SlicesStrided1x1 = state.Remedy.SlicesStrided1x1;
        Bf16StridedConvolutionsInFp32 = state.Verdict?.Bf16.StridedConvolutionsInFp32 == true;
        _current = state;
    }
}
