namespace Lighten.Training.Native;

/// <summary>How one remedy fared in its probe child.</summary>
/// <param name="Remedy">The remedy's name.</param>
/// <param name="Outcome"><c>ok</c>, <c>died</c> (by a signal), <c>wrong</c> (FP32 gradients off), <c>hung</c> or <c>failed</c> (another exit).</param>
/// <param name="Kernel">The kernel class it died in or got wrong, or null.</param>
/// <param name="Signal">The signal that ended the child, or null.</param>
/// <param name="Fp32Error">The largest relative error of FP32 outputs and gradients against FP64, or null when it did not finish.</param>
/// <param name="Bf16Error">The largest relative error of BF16 outputs and gradients against FP64, or null.</param>
/// <param name="Bf16Kernel">The kernel class with that BF16 error, or null.</param>
/// <param name="ImagesPerSecond">Training throughput of the ResNet-style step, or null when not measured.</param>
/// <param name="Detail">The child's last words on stderr when it failed, or null.</param>
/// <param name="Bf16Wrong">The ids of the kernel cases whose BF16 results are beyond <see cref="ProbeVerdict.Bf16Tolerance"/>.</param>
public sealed record CandidateResult(
    string Remedy, string Outcome, string? Kernel, int? Signal, double? Fp32Error, double? Bf16Error, string? Bf16Kernel,
    double? ImagesPerSecond, string? Detail, IReadOnlyList<string>? Bf16Wrong = null)
{
    /// <summary>
    /// BF16 under this remedy: right everywhere; right once strided convolutions stay FP32 (every wrong case is one); or wrong.
    /// </summary>
    public Bf16Verdict Bf16Verdict()
    {
        if (Bf16Error is null || Bf16Error <= ProbeVerdict.Bf16Tolerance) return new(true, Bf16Error, Bf16Kernel);
        var wrong = Bf16Wrong ?? [];
        bool stridedOnly = wrong.Count > 0 && wrong.All(id => KernelCase.Find(id)?.StridedConvolution == true);
        return new(stridedOnly, Bf16Error, Bf16Kernel, StridedConvolutionsInFp32: stridedOnly,
            Wrong: [.. wrong.Select(id => KernelCase.Find(id)?.Name ?? id)]);
    }


    /// <summary>Whether the remedy ran every kernel and got the FP32 gradients right.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Survived => Outcome == "ok";
}

/// <summary>Whether BF16 mixed precision computes right gradients under the chosen remedy.</summary>
/// <param name="Ok">True when every BF16 kernel is within <see cref="ProbeVerdict.Bf16Tolerance"/> of FP64, or every one that is not is a strided convolution, which then stays FP32.</param>
/// <param name="Error">The largest relative error seen, or null when not probed.</param>
/// <param name="Kernel">The kernel class with that error.</param>
/// <param name="StridedConvolutionsInFp32">Whether a BF16 forward keeps strided convolutions in FP32 (their BF16 kernels are wrong here).</param>
/// <param name="Wrong">The kernel classes whose BF16 results are wrong, or null.</param>
public sealed record Bf16Verdict(bool Ok, double? Error, string? Kernel, bool StridedConvolutionsInFp32 = false, IReadOnlyList<string>? Wrong = null);

/// <summary>What the probe decided for a key: the remedy in force, why, and every candidate's result.</summary>
/// <param name="Key">What the verdict holds for.</param>
/// <param name="Remedy">The chosen remedy's name, or null when none survived.</param>
/// <param name="Reason">Why, in one sentence.</param>
/// <param name="Candidates">Every remedy probed, in order.</param>
/// <param name="Bf16">BF16 gradients under the chosen remedy.</param>
/// <param name="ProbedAt">When (UTC).</param>
/// <param name="Seconds">How long the probe took.</param>
public sealed record ProbeVerdict(
    ProbeKey Key, string? Remedy, string Reason, IReadOnlyList<CandidateResult> Candidates, Bf16Verdict Bf16, DateTime ProbedAt, double Seconds)
{
    /// <summary>The largest relative error of FP32 results against FP64 that still counts as correct.</summary>
    public const double Fp32Tolerance = 1e-3;

    /// <summary>
    /// The largest relative error of BF16 results against FP64 that counts as correct: bfloat16 keeps 8 significant bits,
    /// so rounding alone gives a few tenths of a percent; a broken kernel is off by the size of the gradient itself.
    /// </summary>
    public const double Bf16Tolerance = 0.05;

    /// <summary>Chooses among probed candidates: the default when it survived, else the fastest survivor, else none.</summary>
    public static (string? Remedy, string Reason) Choose(IReadOnlyList<CandidateResult> candidates, string topologyNote)
    {
        var first = candidates.FirstOrDefault();
        if (first is { Survived: true } && first.Remedy == NativeRemedy.Default.Name)
            return (first.Remedy, "the default kernels ran every probed kernel with correct gradients");
        var survivors = candidates.Where(c => c.Survived).OrderByDescending(c => c.ImagesPerSecond ?? 0).ToList();
        var failure = first is null ? "not probed" : Failure(first);
        if (survivors.Count == 0) return (null, $"no remedy survived; the default kernels {failure}");
        var best = survivors[0];
        var others = string.Join(", ", candidates.Where(c => c != best && c.Remedy != NativeRemedy.Default.Name)
            .Select(c => c.Survived ? $"{c.Remedy} {c.ImagesPerSecond:F1}" : $"{c.Remedy} {c.Outcome}"));
        return (best.Remedy, $"the default kernels {failure} ({topologyNote}); {best.Remedy} is the fastest correct remedy: " +
            $"{best.ImagesPerSecond:F1} images/s" + (others.Length > 0 ? $" (others: {others})" : ""));
    }

    /// <summary>How a candidate failed, in words.</summary>
    public static string Failure(CandidateResult c) => c.Outcome switch
    {
        "died" => $"died by signal {SignalName(c.Signal)} in {c.Kernel}",
        "wrong" => $"computed wrong FP32 gradients in {c.Kernel} (relative error {c.Fp32Error:g3})",
        "hung" => $"hung in {c.Kernel}",
        "ok" => "ran correctly",
        _ => $"failed in {c.Kernel ?? "start-up"}" + (c.Detail is null ? "" : $": {c.Detail}"),
    };

    /// <summary>The name of a Linux signal number.</summary>
    public static string SignalName(int? signal) => signal switch
    {
        4 => "SIGILL", 6 => "SIGABRT", 7 => "SIGBUS", 8 => "SIGFPE", 9 => "SIGKILL", 11 => "SIGSEGV", null => "?", _ => $"{signal}",
    };
}
