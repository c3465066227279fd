using System.Collections;
using Lighten.TestSupport;
using Lighten.Training.Native;

namespace Lighten.Training.Tests.Native;

/// <summary>
/// The probe in real child processes (Lighten.NativeProbe beside the tests), a simulated native crash included: the child
/// kills itself with SIGFPE where the strided 1×1 convolution would run, as libtorch's oneDNN does on CPUs hiding their
/// cache topology. Every test keeps its verdicts in a temporary cache folder.
/// </summary>
public class ProbeTests
{
    private static string TempCache() => TestTemp.CreateSubdirectory("lighten-probe-").FullName;

    private static ProbeRunner Crashing(string remedies, params (string, string)[] more) =>
        new(environment: new Dictionary<string, string>(more.Select(m => KeyValuePair.Create(m.Item1, m.Item2))) { [KernelProbe.CrashVariable] = remedies });

    private static Hashtable Environment(params (string Name, string Value)[] variables)
    {
        var table = new Hashtable();
        foreach (var (name, value) in variables) table[name] = value;
        return table;
    }

    [Fact]
    public void A_child_killed_by_a_signal_is_a_died_result_naming_the_kernel()
    {
        var result = Crashing("all").Probe(NativeRemedy.OneDnnAvx, throughput: false);
        Assert.Equal("died", result.Outcome);
        Assert.Equal(NativeEnvironment.SigFpe, result.Signal);
        Assert.Equal("strided 1×1 convolution (backward data)", result.Kernel);
        Assert.False(result.Survived);
    }

    [Fact]
    public void Every_remedy_dying_is_a_verdict_without_remedy_and_a_line_naming_kernel_and_workaround()
    {
        var cache = new ProbeCache(TempCache());
        var state = NativeEngine.Decide(cache, Crashing("all"), Environment());
        Assert.Null(state.Verdict!.Remedy);
        Assert.Equal(NativeRemedy.All.Select(r => r.Name), state.Verdict.Candidates.Select(c => c.Remedy));
        Assert.All(state.Verdict.Candidates, c => Assert.Equal("died", c.Outcome));
        var error = NativeEngine.Failure(state.Verdict, state.CacheFile);
        Assert.Equal(NativeEngineException.ExitCode, 5);
        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith("libtorch cannot train on this CPU: strided 1×1 convolution (backward data) died by signal SIGFPE", error.Message);
        Assert.Contains("ONEDNN_MAX_CPU_ISA", error.Message);
        Assert.True(File.Exists(state.CacheFile));

        // The verdict is cached under the key: a second decision starts no child (this runner's probe does not exist).
        var again = NativeEngine.Decide(cache, new ProbeRunner(probeAssembly: "/nonexistent/Lighten.NativeProbe.dll"), Environment());
        Assert.Equal("cached", again.Source);
        Assert.Null(again.Verdict!.Remedy);
    }

    [Fact]
    public void When_the_default_dies_the_fastest_correct_remedy_is_chosen_and_timed()
    {
        var state = NativeEngine.Decide(new ProbeCache(TempCache()), Crashing("default,onednn-sse41"), Environment());
        var verdict = state.Verdict!;
        Assert.Equal("probed", state.Source);
        Assert.Equal(["died", "ok", "ok", "died", "ok"], verdict.Candidates.Select(c => c.Outcome));
        var survivors = verdict.Candidates.Where(c => c.Survived).ToList();
        Assert.All(survivors, c => Assert.True(c.ImagesPerSecond > 0 && c.Fp32Error < ProbeVerdict.Fp32Tolerance));
        Assert.Equal(survivors.MaxBy(c => c.ImagesPerSecond)!.Remedy, verdict.Remedy);
        Assert.Equal(state.Remedy.Name, verdict.Remedy);
        Assert.Contains("fastest correct remedy", verdict.Reason);
        Assert.NotNull(state.Notice);
    }

    [Fact]
    public void The_users_own_onednn_setting_wins_only_the_default_is_probed_under_it()
    {
        var user = Environment((OneDnnSettings.IsaVariable, "AVX2"));
        var runner = Crashing("default", (OneDnnSettings.IsaVariable, "AVX2"));
        var state = NativeEngine.Decide(new ProbeCache(TempCache()), runner, user);
        Assert.Equal("user", state.Source);
        Assert.Single(state.Verdict!.Candidates);
        Assert.Null(state.Verdict.Remedy);
        Assert.Contains("your ONEDNN_MAX_CPU_ISA=AVX2 is in force", state.Verdict.Reason);
        Assert.Equal("ONEDNN_MAX_CPU_ISA=AVX2", state.Verdict.Key.UserSettings);
    }

    [Fact]
    public void A_forced_remedy_is_used_without_probing_and_an_unknown_one_is_refused()
    {
        var runner = new ProbeRunner(probeAssembly: "/nonexistent/Lighten.NativeProbe.dll");
        var state = NativeEngine.Decide(new ProbeCache(TempCache()), runner, Environment((NativeRemedy.ForceVariable, "no-onednn")));
        Assert.Equal(("no-onednn", "forced"), (state.Remedy.Name, state.Source));
        Assert.Null(state.Verdict);
        var error = Assert.Throws<NativeEngineException>(() =>
            NativeEngine.Decide(new ProbeCache(TempCache()), runner, Environment((NativeRemedy.ForceVariable, "fast"))));
        Assert.Contains("LIGHTEN_NATIVE_REMEDY=fast: unknown remedy (known: default, sliced-strided-1x1, onednn-avx, onednn-sse41, no-onednn)", error.Message);
    }

    [Fact]
    public void A_cache_folder_that_cannot_be_written_costs_a_probe_not_the_run()
    {
        var notAFolder = Path.GetTempFileName();
        var state = NativeEngine.Decide(new ProbeCache(Path.Combine(notAFolder, "cache")), Crashing("all"), Environment());
        Assert.Equal("probed", state.Source);
        Assert.Null(state.CacheFile);
        Assert.Null(state.Verdict!.Remedy);
        Assert.DoesNotContain("delete it", NativeEngine.Failure(state.Verdict, state.CacheFile).Message);
    }

    [Fact]
    public void This_process_runs_the_probed_remedy()
    {
        var state = NativeEngine.Current;
        Assert.NotNull(state);
        if (state.Source == "forced") return;
        Assert.Equal(state.Verdict!.Remedy, state.Remedy.Name);
        if (state.Remedy.IsaLimit is not null) Assert.Equal(state.Remedy.IsaLimit, System.Environment.GetEnvironmentVariable(OneDnnSettings.IsaVariable));
        if (state.Remedy.DisablesOneDnn) Assert.False(LibTorchContext.OneDnnEnabled());
    }
}
