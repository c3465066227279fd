using Lighten.Core;

namespace Lighten.Training.Native;

/// <summary>The native engine as this process runs it: the remedy in force, where that choice came from, and the verdict behind it.</summary>
/// <param name="Remedy">The remedy applied to this process.</param>
/// <param name="Source">Where the choice came from: <c>probed</c>, <c>cached</c>, <c>forced</c> (<c>LIGHTEN_NATIVE_REMEDY</c>) or <c>user</c> (the user's own oneDNN settings).</param>
/// <param name="Reason">Why, in one sentence.</param>
/// <param name="Verdict">The probe verdict, or null when forced.</param>
/// <param name="CacheFile">The verdict's file, or null.</param>
/// <param name="Cpu">What CPUID says of the processor.</param>
public sealed record NativeEngineState(NativeRemedy Remedy, string Source, string Reason, ProbeVerdict? Verdict, string? CacheFile, CpuReport Cpu)
{
    /// <summary>Whether BF16 mixed precision is allowed: the probe found its gradients right (or nothing was probed).</summary>
    public bool Bf16Allowed => Verdict is null || Verdict.Bf16.Ok;

    /// <summary>The error that refuses BF16 mixed precision here, naming the kernel, its error and the remedies under which BF16 was right, or null when BF16 is allowed.</summary>
    public NativeEngineException? Bf16Refusal()
    {
        if (Bf16Allowed) return null;
        var right = Verdict!.Candidates.Where(c => c.Survived && c.Bf16Error is double e && e <= ProbeVerdict.Bf16Tolerance).Select(c => c.Remedy).ToList();
        var instead = right.Count > 0 ? $"{NativeRemedy.ForceVariable}={right[0]} computes them right ({right[0]}: {Verdict.Candidates.First(c => c.Remedy == right[0]).Bf16Error:g3})"
            : $"try another remedy with {NativeRemedy.ForceVariable}";
        return new NativeEngineException(
            $"{OptionKey.Ref(OptionKey.MixedPrecision)} bf16: BF16 gradients are wrong on this CPU with the {Remedy.Name} kernels " +
            $"({Verdict.Bf16.Kernel}: relative error {Verdict.Bf16.Error:g3} against FP64, allowed {ProbeVerdict.Bf16Tolerance}); " +
            $"train in FP32, or {instead}");
    }

    /// <summary>The one line on stderr that says a safe mode is in force, or null when the default kernels run.</summary>
    public string? Notice => Remedy == NativeRemedy.Default && Source != "forced" ? null
        : $"lighten: native engine: {Remedy.Description} ({Source}: {Reason})";
}
