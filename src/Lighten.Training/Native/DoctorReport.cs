using System.Reflection;
using System.Runtime.InteropServices;
using Lighten.Core;
using Lighten.Core.Targets;

namespace Lighten.Training.Native;

/// <summary>
/// What <c>lighten doctor</c> reports: the processor as CPUID describes it, the native engine training would run with and
/// why, the versions of the runtimes, the thread settings and the cache folder. Collecting it never loads libtorch, so it
/// works on machines where libtorch crashes; the only file it may write is the probe verdict (when this machine has none yet).
/// </summary>
/// <param name="Cpu">The processor.</param>
/// <param name="Engine">The native engine training would run with.</param>
/// <param name="Versions">The versions of .NET, ONNX Runtime, TorchSharp, libtorch and Lighten.</param>
/// <param name="Threads">The thread settings.</param>
/// <param name="CacheFolder">Lighten's cache folder (probe verdicts, the measured host profile).</param>
public sealed record DoctorReport(DoctorCpu Cpu, DoctorEngine Engine, DoctorVersions Versions, DoctorThreads Threads, string CacheFolder)
{
    /// <summary>The assembly whose version is ONNX Runtime's; loaded by name, as Lighten.Training does not reference it.</summary>
    public const string OnnxRuntimeAssembly = "Microsoft.ML.OnnxRuntime";

    /// <summary>Whether training can run here: the native engine was decided and has a remedy.</summary>
    public bool Healthy => Engine.Failure is null;

    /// <summary>
    /// Collects the report. The native engine is decided as training decides it (<see cref="NativeEngine.Decide"/>): forced,
    /// cached, or probed in child processes and saved to <paramref name="cache"/>; nothing is applied to this process.
    /// </summary>
    /// <param name="cache">Where probe verdicts are kept (default: the cache folder).</param>
    /// <param name="runner">Starts the probe children when this machine has no verdict yet.</param>
    /// <param name="optionName">How the front end spells the options the report's messages name (<see cref="OptionKey.Render"/>).</param>
    public static DoctorReport Collect(ProbeCache? cache = null, ProbeRunner? runner = null, Func<string, string?>? optionName = null)
    {
        var cpu = CpuInspector.Inspect();
        var hardware = new HardwareCpuId();
        var recorded = hardware.Available ? RecordedCpuId.Record(hardware).Split('\n') : [];
        var cpuSection = new DoctorCpu(cpu.Vendor, cpu.Model, cpu.Family, cpu.ModelNumber, cpu.Stepping, cpu.Features, cpu.Caches,
            cpu.TopologyReported, cpu.TopologyNote, Environment.ProcessorCount, recorded);
        var versions = new DoctorVersions(
            RuntimeInformation.FrameworkDescription, Environment.Version.ToString(), OnnxRuntimeVersion(),
            InformationalVersion(typeof(TorchSharp.torch).Assembly), ProbeKey.LibTorchBuild(), ProbeKey.LightenVersion(),
            $"{RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()})");
        var threads = new DoctorThreads(Environment.ProcessorCount,
            Environment.GetEnvironmentVariable("OMP_NUM_THREADS"), Environment.GetEnvironmentVariable(OpenMpWaiting.Variable));
        return new DoctorReport(cpuSection, DecideEngine(cache ?? new ProbeCache(), runner ?? new ProbeRunner(), optionName), versions, threads, Lighten.Core.IO.LightenCache.Directory);
    }

    private static DoctorEngine DecideEngine(ProbeCache cache, ProbeRunner runner, Func<string, string?>? optionName)
    {
        var userSettings = OneDnnSettings.UserSettings().ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        NativeEngineState state;
        try
        {
            state = NativeEngine.Decide(cache, runner);
        }
        catch (Exception e) when (e is NativeEngineException or IOException or UnauthorizedAccessException)
        {
            var message = e is NativeEngineException ? e.Message : $"could not decide the native engine: {e.Message}";
            return new DoctorEngine(null, null, "unavailable", message, message, [], new DoctorBf16(false, false, null, null, ProbeVerdict.Bf16Tolerance, null),
                null, null, null, userSettings);
        }
        var verdict = state.Verdict;
        var candidates = verdict?.Candidates.Select(c => new DoctorCandidate(c.Remedy, c.Outcome, c.Kernel,
            c.Signal is null ? null : ProbeVerdict.SignalName(c.Signal), c.Fp32Error, c.Bf16Error, c.Bf16Kernel, c.ImagesPerSecond, c.Detail)).ToList() ?? [];
        var bf16 = verdict is null
            ? new DoctorBf16(state.Bf16Allowed, false, null, null, ProbeVerdict.Bf16Tolerance, null)
            : new DoctorBf16(state.Bf16Allowed, true, verdict.Bf16.Kernel, verdict.Bf16.Error, ProbeVerdict.Bf16Tolerance, state.Bf16Refusal()?.Render(optionName),
                verdict.Bf16.StridedConvolutionsInFp32, verdict.Bf16.Wrong ?? []);
        bool none = verdict is { Remedy: null };
        return new DoctorEngine(none ? null : state.Remedy.Name, none ? null : state.Remedy.Description, state.Source, state.Reason,
            none ? NativeEngine.Failure(verdict!, state.CacheFile).Message : null, candidates, bf16, state.CacheFile,
            verdict?.ProbedAt, verdict?.Seconds, userSettings);
    }

    /// <summary>
    /// One line for <c>lighten --version</c>: Lighten's version with its commit, ONNX Runtime's and TorchSharp's versions and
    /// the libtorch build beside it — read from the assemblies and files, without loading either native library.
    /// </summary>
    public static string VersionLine() =>
        $"lighten {ProbeKey.LightenVersion()} (ONNX Runtime {OnnxRuntimeVersion()}; {ProbeKey.LibTorchBuild()}; {RuntimeInformation.FrameworkDescription})";

    /// <summary>ONNX Runtime's managed assembly version when the application ships it, else <c>not installed</c>; its native library is not loaded.</summary>
    private static string OnnxRuntimeVersion()
    {
        try
        {
            return InformationalVersion(Assembly.Load(new AssemblyName(OnnxRuntimeAssembly)));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return "not installed";
        }
    }

    private static string InformationalVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "?";
}

/// <summary>The processor, as CPUID describes it (see <see cref="CpuReport"/>).</summary>
/// <param name="Vendor">The vendor string (<c>GenuineIntel</c>, <c>AuthenticAMD</c>), empty off x86.</param>
/// <param name="Model">The brand string.</param>
/// <param name="Family">The display family.</param>
/// <param name="ModelNumber">The display model.</param>
/// <param name="Stepping">The stepping.</param>
/// <param name="Features">The instruction-set features that decide which kernels libtorch and oneDNN run.</param>
/// <param name="Caches">The caches CPUID lists, with the leaf that listed each.</param>
/// <param name="TopologyReported">Whether the deterministic cache leaf lists a level-1 data cache and a level-2 cache.</param>
/// <param name="TopologyNote">How the cache topology was found or why it counts as hidden.</param>
/// <param name="LogicalCores">The logical processors this process may use (<see cref="Environment.ProcessorCount"/>).</param>
/// <param name="CpuId">The raw CPUID answers Lighten reads, one <c>LEAF.SUBLEAF: EAX EBX ECX EDX</c> line each (<see cref="RecordedCpuId"/>); empty off x86.</param>
public sealed record DoctorCpu(
    string Vendor, string Model, int Family, int ModelNumber, int Stepping, IReadOnlyList<string> Features, IReadOnlyList<CacheLevel> Caches,
    bool TopologyReported, string TopologyNote, int LogicalCores, IReadOnlyList<string> CpuId);

/// <summary>The native engine training would run with on this machine.</summary>
/// <param name="Remedy">The remedy's name, or null when none survived the probe (or none could be decided).</param>
/// <param name="Description">What the remedy does, or null.</param>
/// <param name="Source"><c>probed</c>, <c>cached</c>, <c>forced</c> (<c>LIGHTEN_NATIVE_REMEDY</c>), <c>user</c> (the user's oneDNN settings), or <c>unavailable</c> when it could not be decided.</param>
/// <param name="Reason">Why, in one sentence.</param>
/// <param name="Failure">The error training would stop with (no remedy survived, or the engine could not be decided), or null.</param>
/// <param name="Candidates">Every remedy the probe tried, in order; empty when forced.</param>
/// <param name="Bf16">Whether BF16 mixed precision is allowed.</param>
/// <param name="CacheFile">The verdict's file, or null when forced.</param>
/// <param name="ProbedAt">When the verdict was probed (UTC), or null.</param>
/// <param name="ProbeSeconds">How long the probe took, or null.</param>
/// <param name="UserSettings">The user's <c>ONEDNN_*</c>/<c>DNNL_*</c> variables, which win over any remedy.</param>
public sealed record DoctorEngine(
    string? Remedy, string? Description, string Source, string Reason, string? Failure, IReadOnlyList<DoctorCandidate> Candidates,
    DoctorBf16 Bf16, string? CacheFile, DateTime? ProbedAt, double? ProbeSeconds, IReadOnlyDictionary<string, string> UserSettings);

/// <summary>How one remedy fared in its probe child (see <see cref="CandidateResult"/>).</summary>
/// <param name="Remedy">The remedy's name.</param>
/// <param name="Outcome"><c>ok</c>, <c>died</c>, <c>wrong</c>, <c>hung</c> or <c>failed</c>.</param>
/// <param name="Kernel">The kernel class it died in or got wrong, or null.</param>
/// <param name="Signal">The name of the signal that ended the child (<c>SIGSEGV</c>), or null.</param>
/// <param name="Fp32Error">The largest relative error of FP32 results against FP64, or null.</param>
/// <param name="Bf16Error">The largest relative error of BF16 results against FP64, or null.</param>
/// <param name="Bf16Kernel">The kernel class with that BF16 error, or null.</param>
/// <param name="ImagesPerSecond">Training throughput under the remedy, or null when not measured.</param>
/// <param name="Detail">The child's last words on stderr when it failed, or null.</param>
public sealed record DoctorCandidate(
    string Remedy, string Outcome, string? Kernel, string? Signal, double? Fp32Error, double? Bf16Error, string? Bf16Kernel,
    double? ImagesPerSecond, string? Detail);

/// <summary>Whether BF16 mixed precision is allowed under the remedy in force.</summary>
/// <param name="Allowed">True when the probe found BF16 gradients right, or nothing was probed.</param>
/// <param name="Probed">Whether a probe measured BF16 (false when the remedy is forced).</param>
/// <param name="Kernel">The kernel class with the largest BF16 error, or null.</param>
/// <param name="Error">That error, relative to FP64, or null.</param>
/// <param name="Tolerance">The largest error allowed (<see cref="ProbeVerdict.Bf16Tolerance"/>).</param>
/// <param name="Refusal">The error <c>--mixed-precision bf16</c> stops with here (<see cref="NativeEngineState.Bf16Refusal"/>), or null when allowed.</param>
/// <param name="StridedConvolutionsInFp32">Whether BF16 training keeps strided convolutions in FP32 because their BF16 kernels are wrong here.</param>
/// <param name="Wrong">The kernel classes whose BF16 results the probe found wrong.</param>
public sealed record DoctorBf16(bool Allowed, bool Probed, string? Kernel, double? Error, double Tolerance, string? Refusal,
    bool StridedConvolutionsInFp32 = false, IReadOnlyList<string>? Wrong = null);

/// <summary>The versions of what Lighten runs on.</summary>
/// <param name="Dotnet">The .NET runtime (<see cref="RuntimeInformation.FrameworkDescription"/>).</param>
/// <param name="DotnetVersion">The .NET runtime version (<see cref="Environment.Version"/>).</param>
/// <param name="OnnxRuntime">ONNX Runtime's version (inference), or <c>not installed</c>.</param>
/// <param name="TorchSharp">TorchSharp's version (training).</param>
/// <param name="LibTorch">The libtorch build beside TorchSharp (<see cref="ProbeKey.LibTorchBuild"/>), read without loading it.</param>
/// <param name="Lighten">Lighten's version, with its commit.</param>
/// <param name="Os">The operating system and process architecture.</param>
public sealed record DoctorVersions(string Dotnet, string DotnetVersion, string OnnxRuntime, string TorchSharp, string LibTorch, string Lighten, string Os);

/// <summary>The thread settings of this process.</summary>
/// <param name="LogicalCores">The logical processors this process may use.</param>
/// <param name="OmpNumThreads"><c>OMP_NUM_THREADS</c>, or null when unset.</param>
/// <param name="OmpWaitPolicy"><c>OMP_WAIT_POLICY</c>, or null when unset (training then sets <c>PASSIVE</c>).</param>
public sealed record DoctorThreads(int LogicalCores, string? OmpNumThreads, string? OmpWaitPolicy);
