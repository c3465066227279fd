namespace Lighten.Training.Native;

/// <summary>
/// A way of running libtorch's CPU kernels: the default, or a safe mode that keeps training away from the oneDNN
/// kernels that die on CPUs hiding their cache topology. Each is applied in the native environment before libtorch loads
/// (<see cref="IsaLimit"/>) or in libtorch's global context after it loads (<see cref="DisablesOneDnn"/>).
/// </summary>
/// <param name="Name">The name <c>LIGHTEN_NATIVE_REMEDY</c>, the cache and <c>lighten doctor</c> use.</param>
/// <param name="Description">What it does, in a few words.</param>
/// <param name="IsaLimit">The value of <c>ONEDNN_MAX_CPU_ISA</c> it sets, or null.</param>
/// <param name="DisablesOneDnn">Whether it routes convolutions to PyTorch's own kernels (<c>at::Context::setUserEnabledMkldnn(false)</c>).</param>
/// <param name="SlicesStrided1x1">Whether strided 1×1 convolutions run as a strided slice and a stride-1 convolution (<see cref="SafeConvolution"/>).</param>
public sealed record NativeRemedy(string Name, string Description, string? IsaLimit, bool DisablesOneDnn, bool SlicesStrided1x1 = false)
{
    /// <summary>The variable that forces a remedy (tests and support); its value is a <see cref="Name"/>.</summary>
    public const string ForceVariable = "LIGHTEN_NATIVE_REMEDY";

    /// <summary>libtorch as it comes.</summary>
    public static NativeRemedy Default { get; } = new("default", "libtorch's default kernels (oneDNN at the CPU's best ISA)", null, false);

    /// <summary>
    /// The default kernels, but a strided 1×1 convolution computed exactly as a strided slice of its input and a stride-1
    /// 1×1 convolution: the one kernel class that dies on CPUs hiding their cache topology (oneDNN's strided 1×1
    /// backward-data pass on wide layers) is never planned, and every other op keeps oneDNN's fastest kernels.
    /// </summary>
    public static NativeRemedy SlicedStrided1x1 { get; } = new("sliced-strided-1x1",
        "default kernels, strided 1×1 convolutions as a strided slice and a 1×1 convolution", null, false, SlicesStrided1x1: true);

    /// <summary>oneDNN limited to AVX: its AVX2 and AVX-512 brgemm convolutions, which plan blocks from the cache sizes, are not used.</summary>
    public static NativeRemedy OneDnnAvx { get; } = new("onednn-avx", "oneDNN limited to AVX (ONEDNN_MAX_CPU_ISA=AVX)", "AVX", false);

    /// <summary>oneDNN limited to SSE4.1.</summary>
    public static NativeRemedy OneDnnSse41 { get; } = new("onednn-sse41", "oneDNN limited to SSE4.1 (ONEDNN_MAX_CPU_ISA=SSE41)", "SSE41", false);

    /// <summary>Convolutions in PyTorch's own kernels (im2col and GEMM), oneDNN and NNPACK off.</summary>
    public static NativeRemedy NoOneDnn { get; } = new("no-onednn", "PyTorch's own convolution kernels (oneDNN and NNPACK off)", null, true);

    /// <summary>Every remedy, the default first: the order in which a probe tries them.</summary>
    public static IReadOnlyList<NativeRemedy> All { get; } = [Default, SlicedStrided1x1, OneDnnAvx, OneDnnSse41, NoOneDnn];

    /// <summary>The remedy named <paramref name="name"/>, or null.</summary>
    public static NativeRemedy? Find(string name) => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The names, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(r => r.Name));

    /// <summary>Applies the part that must precede libtorch's loading (the ISA limit in the native environment).</summary>
    public void ApplyBeforeLoad()
    {
        if (IsaLimit is not null) NativeEnvironment.Set(OneDnnSettings.IsaVariable, IsaLimit);
    }

    /// <summary>Applies the part that needs libtorch loaded (its global context). Loads libtorch when it is not yet.</summary>
    public void ApplyAfterLoad()
    {
        if (this == Default || IsaLimit is not null) return;
        if (DisablesOneDnn) LibTorchContext.SetOneDnnEnabled(false);
        // NNPACK would take some convolutions next; on the CPUs these remedies are for (hidden topology), its start-up fails
        // and it prints a warning per call before falling back.
        LibTorchContext.SetNnpackEnabled(false);
    }
}
