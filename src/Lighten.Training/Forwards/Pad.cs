using Lighten.Core;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lighten.Training.Forwards;

/// <summary>
/// <c>Pad</c> in constant, reflect, edge or wrap mode on any axes (pads, value and axes from attributes before
/// opset 11, inputs after); negative pads crop.
/// </summary>
internal sealed class Pad : OpForward
{
    private static readonly string[] Modes = ["constant", "reflect", "edge", "wrap"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Pad"];

    /// <inheritdoc/>
    public override void Check(Node node, long opset)
    {
        var mode = node.GetString("mode", "constant");
        if (!Modes.Contains(mode)) throw Refuse(node, $"mode '{mode}' is not one of {string.Join(", ", Modes)}");
    }

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        int rank = (int)x.dim();
        long[] pads;
        double value;
        long[]? axes = null;
        if (ctx.Opset < 11)
        {
            pads = ctx.Node.GetInts("pads") ?? ctx.Node.GetInts("paddings") ?? throw ctx.Fail("pads are missing");
            value = ctx.Node.GetFloat("value", 0f);
        }
        else
        {
            pads = ctx.Longs(1) ?? throw ctx.Fail("pads are missing");
            value = ctx.Scalar(2) ?? 0;
            axes = ctx.Longs(3);
        }
        var axisList = (axes ?? [.. Enumerable.Range(0, rank).Select(i => (long)i)]).Select(a => ctx.Axis(a, rank)).ToArray();
        if (pads.Length != 2 * axisList.Length) throw ctx.Fail($"{pads.Length} pads for {axisList.Length} axes");
        var begin = new long[rank];
        var end = new long[rank];
        for (int i = 0; i < axisList.Length; i++)
        {
            begin[axisList[i]] = pads[i];
            end[axisList[i]] = pads[i + axisList.Length];
        }
        var mode = ctx.Node.GetString("mode", "constant");
        if (mode == "constant")
        {
            var torchPads = new long[2 * rank];
            for (int a = 0; a < rank; a++)
            {
                torchPads[2 * (rank - 1 - a)] = begin[a];
                torchPads[2 * (rank - 1 - a) + 1] = end[a];
            }
            return [F.pad(x, torchPads, TorchSharp.PaddingModes.Constant, value)];
        }
        var y = x.alias();
        for (int a = 0; a < rank; a++)
        {
            if (begin[a] == 0 && end[a] == 0) continue;
            long n = y.shape[a];
            long from = Math.Max(0, -begin[a]), to = n - Math.Max(0, -end[a]);
            if (to <= from && (begin[a] > 0 || end[a] > 0)) throw ctx.Fail($"cannot {mode}-pad axis {a}: nothing is left after cropping");
            y = y.narrow(a, from, Math.Max(0, to - from));
            long size = to - from, before = Math.Max(0, begin[a]), after = Math.Max(0, end[a]);
            if (before == 0 && after == 0) continue;
            var indices = new long[size + before + after];
            for (long i = 0; i < indices.Length; i++) indices[i] = Source(i - before, size, mode);
            y = AxisSampling.Take(y, a, indices);
        }
        return [y];
    }

    /// <summary>The input index that padded position <paramref name="i"/> (which may lie outside [0, n)) copies.</summary>
    private static long Source(long i, long n, string mode)
    {
        if (i >= 0 && i < n) return i;
        switch (mode)
        {
            case "edge":
                return Math.Clamp(i, 0, n - 1);
            case "wrap":
                return ((i % n) + n) % n;
            default:
                if (n == 1) return 0;
                long period = 2 * (n - 1);
                long m = ((i % period) + period) % period;
                return m < n ? m : period - m;
        }
    }
}
