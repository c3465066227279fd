using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lighten.Training.Native;

/// <summary>
/// The 2-D convolution every GraphModule forward and the probe's kernel cases run, so that a remedy that changes how a
/// convolution is computed (<see cref="NativeRemedy.SlicesStrided1x1"/>) changes it everywhere and is probed as it trains.
/// </summary>
public static class SafeConvolution
{
    /// <summary><c>conv2d</c>; under the sliced-strided-1×1 remedy a strided, unpadded 1×1 convolution reads every stride-th
    /// pixel first and then runs with stride 1 — the same output (⌈H/s⌉ rows, the pixels a 1×1 kernel at stride s
    /// reads) and the same gradients, without oneDNN's strided 1×1 backward pass.</summary>
    public static Tensor Conv2d(Tensor x, Tensor w, Tensor? b, long[] strides, long[] padding, long[] dilations, long groups)
    {
        if (NativeEngine.SlicesStrided1x1 && w.shape[2] == 1 && w.shape[3] == 1 && (strides[0] > 1 || strides[1] > 1) && padding.All(p => p == 0))
        {
            // Contiguous, so that oneDNN takes the stride-1 convolution (a strided view would send it to other kernels).
            var sliced = x.slice(2, 0, x.shape[2], strides[0]).slice(3, 0, x.shape[3], strides[1]).contiguous();
            return F.conv2d(sliced, w, b, [1, 1], [0, 0], dilations, groups);
        }
        return F.conv2d(x, w, b, strides, padding, dilations, groups);
    }
}
