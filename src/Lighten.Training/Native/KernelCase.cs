using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lighten.Training.Native;

/// <summary>
/// One kernel class Lighten trains with: its inputs (the first is the activation) and the op. The probe runs it forward and
/// backward in FP64 (PyTorch's own kernels: oneDNN has no double convolutions), FP32 and, where a mixed-precision forward
/// computes it in BF16, in BF16, and compares outputs and gradients.
/// </summary>
/// <param name="Id">A short name for logs (<c>conv1x1-s2</c>).</param>
/// <param name="Name">The kernel class in words, as an error names it.</param>
/// <param name="Shapes">The input shapes: activation first, then weights and biases.</param>
/// <param name="Op">The op on inputs of one dtype.</param>
/// <param name="Bf16">Whether a BF16 forward computes this op in BF16 (BatchNorm stays FP32).</param>
public sealed record KernelCase(string Id, string Name, long[][] Shapes, Func<Tensor[], Tensor> Op, bool Bf16 = true)
{
    /// <summary>Whether the case is a <c>Conv</c> with a stride above 1 (what <see cref="NativeEngine.Bf16StridedConvolutionsInFp32"/> keeps in FP32).</summary>
    public bool StridedConvolution => Id.Contains("conv", StringComparison.Ordinal) && !Id.StartsWith("convtranspose", StringComparison.Ordinal)
        && Id.Contains("-s2", StringComparison.Ordinal);

    /// <summary>The case of <paramref name="id"/>, or null.</summary>
    public static KernelCase? Find(string id) => All.FirstOrDefault(k => k.Id == id);

    private static Tensor Conv(Tensor[] t, long stride, long padding, long groups) =>
        SafeConvolution.Conv2d(t[0], t[1], t[2], [stride, stride], [padding, padding], [1, 1], groups);

    /// <summary>
    /// The kernel classes of the layers Lighten trains (ResNet, MobileNet, ShuffleNet backbones and pose heads). Channel counts
    /// reach ResNet-50's downsampling widths because oneDNN plans strided 1×1 backward passes differently for wide layers
    /// (the 512→1024 case is the one that divides by zero on CPUs that hide their cache topology).
    /// </summary>
    public static IReadOnlyList<KernelCase> All { get; } =
    [
        new("conv3x3-s1", "3×3 convolution", [[4, 32, 16, 16], [32, 32, 3, 3], [32]], t => Conv(t, 1, 1, 1)),
        new("conv3x3-s2", "strided 3×3 convolution", [[4, 32, 16, 16], [64, 32, 3, 3], [64]], t => Conv(t, 2, 1, 1)),
        new("conv7x7-s2", "strided 7×7 stem convolution", [[2, 3, 32, 32], [16, 3, 7, 7], [16]], t => Conv(t, 2, 3, 1)),
        new("conv3x3-s2-wide", "strided 3×3 convolution, 256→512 channels", [[2, 256, 8, 8], [512, 256, 3, 3], [512]], t => Conv(t, 2, 1, 1)),
        new("conv1x1-s1", "1×1 convolution", [[4, 64, 8, 8], [256, 64, 1, 1], [256]], t => Conv(t, 1, 0, 1)),
        new("conv1x1-s1-wide", "1×1 convolution, 1024→2048 channels", [[2, 1024, 4, 4], [2048, 1024, 1, 1], [2048]], t => Conv(t, 1, 0, 1)),
        new("conv1x1-s2", "strided 1×1 convolution (backward data)", [[4, 512, 8, 8], [1024, 512, 1, 1], [1024]], t => Conv(t, 2, 0, 1)),
        new("conv1x1-s2-wide", "strided 1×1 convolution, 1024→2048 channels", [[2, 1024, 4, 4], [2048, 1024, 1, 1], [2048]], t => Conv(t, 2, 0, 1)),
        new("dwconv3x3-s1", "depthwise 3×3 convolution", [[4, 64, 16, 16], [64, 1, 3, 3], [64]], t => Conv(t, 1, 1, 64)),
        new("dwconv3x3-s2", "strided depthwise 3×3 convolution", [[4, 64, 16, 16], [64, 1, 3, 3], [64]], t => Conv(t, 2, 1, 64)),
        new("dwconv3x3-s2-wide", "strided depthwise 3×3 convolution, 960 channels", [[2, 960, 8, 8], [960, 1, 3, 3], [960]], t => Conv(t, 2, 1, 960)),
        new("convtranspose4x4-s2", "4×4 ConvTranspose (stride 2)", [[4, 64, 8, 8], [64, 32, 4, 4], [32]],
            t => F.conv_transpose2d(t[0], t[1], t[2], [2, 2], [1, 1], [0, 0], [1, 1], 1)),
        new("batchnorm", "BatchNorm (training statistics)", [[4, 32, 16, 16], [32], [32]],
            t => F.batch_norm(t[0], null, null, t[1], t[2], training: true), Bf16: false),
        new("linear", "fully connected layer", [[8, 256], [10, 256], [10]], t => F.linear(t[0], t[1], t[2])),
    ];
}
