using Lighten.Core;
using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary>
/// <c>Resize</c> (opset 10+) and <c>Upsample</c> (opset 7–9) in nearest and linear modes, with every
/// coordinate_transformation_mode but tf_crop_and_resize and every nearest_mode, computed per axis as
/// ONNX Runtime does (float coordinates, clamped to the input). Cubic mode, antialiasing and
/// keep_aspect_ratio_policy other than stretch are refused up front.
/// </summary>
internal sealed class Resize : OpForward
{
    private static readonly string[] CoordinateModes =
        ["half_pixel", "half_pixel_symmetric", "pytorch_half_pixel", "align_corners", "asymmetric", "tf_half_pixel_for_nn"];
    private static readonly string[] NearestModes = ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Resize", "Upsample"];

    /// <inheritdoc/>
    public override void Check(Node node, long opset)
    {
        var mode = Mode(node);
        if (mode is not ("nearest" or "linear")) throw Refuse(node, $"mode '{mode}' is not supported (nearest, linear)");
        if (node.OpType == "Upsample" || opset < 11) return;
        var coordinates = node.GetString("coordinate_transformation_mode", "half_pixel");
        if (!CoordinateModes.Contains(coordinates))
            throw Refuse(node, $"coordinate_transformation_mode '{coordinates}' is not supported ({string.Join(", ", CoordinateModes)})");
        var nearest = node.GetString("nearest_mode", "round_prefer_floor");
        if (mode == "nearest" && !NearestModes.Contains(nearest)) throw Refuse(node, $"nearest_mode '{nearest}' is not supported");
        if (node.GetInt("antialias", 0) != 0) throw Refuse(node, "antialias is not supported");
        var policy = node.GetString("keep_aspect_ratio_policy", "stretch");
        if (policy != "stretch") throw Refuse(node, $"keep_aspect_ratio_policy '{policy}' is not supported (stretch)");
    }

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var node = ctx.Node;
        var x = ctx.Input(0);
        var shape = x.shape;
        bool legacy = node.OpType == "Upsample" || ctx.Opset < 11;
        var (scales, sizes) = ScalesAndSizes(ctx);
        var axes = (!legacy && ctx.Opset >= 18 ? node.GetInts("axes") : null)?.Select(a => ctx.Axis(a, shape.Length)).ToArray()
            ?? [.. Enumerable.Range(0, shape.Length)];
        if ((sizes?.Length ?? scales!.Length) != axes.Length)
            throw ctx.Fail($"{sizes?.Length ?? scales!.Length} scales or sizes for {axes.Length} axes");
        var coordinates = legacy ? "asymmetric" : node.GetString("coordinate_transformation_mode", "half_pixel");
        var nearest = legacy ? "simple" : node.GetString("nearest_mode", "round_prefer_floor");
        bool linear = Mode(node) == "linear";

        var y = x.alias();
        for (int k = 0; k < axes.Length; k++)
        {
            long input = shape[axes[k]];
            float scale;
            long output;
            if (sizes is not null)
            {
                output = sizes[k];
                scale = input == 0 ? 1f : (float)output / input;
            }
            else
            {
                scale = (float)scales![k];
                if (!(scale > 0)) throw ctx.Fail($"scale {scale} is not positive");
                output = (long)(scale * input);
            }
            if (output == input && scale == 1f) continue;
            var origin = new float[output];
            for (int i = 0; i < output; i++) origin[i] = Original(coordinates, i, scale, output, input);
            y = linear ? Linear(y, axes[k], origin, input) : Nearest(y, axes[k], origin, input, nearest, scale < 1);
        }
        return [y];
    }

    private static string Mode(Node node)
    {
        var mode = node.GetString("mode", "nearest");
        return mode is "bilinear" or "trilinear" ? "linear" : mode;
    }

    private static (double[]? Scales, long[]? Sizes) ScalesAndSizes(ForwardContext ctx)
    {
        if (ctx.Node.OpType == "Upsample" || ctx.Opset < 11)
        {
            var legacy = ctx.Node.OpType == "Upsample" && ctx.Opset < 9
                ? ctx.Node.GetFloats("scales")?.Select(f => (double)f).ToArray()
                : Doubles(ctx, 1);
            return (legacy ?? throw ctx.Fail("the scales are missing"), null);
        }
        var sizes = ctx.Longs(3);
        if (sizes is { Length: > 0 }) return (null, sizes);
        var scales = Doubles(ctx, 2);
        return scales is { Length: > 0 } ? (scales, null) : throw ctx.Fail("Resize needs scales or sizes");
    }

    private static double[]? Doubles(ForwardContext ctx, int input) => ctx.Has(input) ? TorchTensors.ToDoubles(ctx.Input(input)) : null;

    /// <summary>The input coordinate of output position <paramref name="x"/>, in float as ONNX Runtime computes it.</summary>
    private static float Original(string mode, float x, float scale, long lengthResized, long lengthOriginal) => mode switch
    {
        "asymmetric" => x / scale,
        "pytorch_half_pixel" => lengthResized > 1 ? (x + 0.5f) / scale - 0.5f : 0f,
        "tf_half_pixel_for_nn" => (x + 0.5f) / scale,
        "align_corners" => lengthResized == 1 ? 0f : x * (lengthOriginal - 1) / (lengthResized - 1),
        "half_pixel_symmetric" => HalfPixelSymmetric(x, scale, lengthResized, lengthOriginal),
        _ => (x + 0.5f) / scale - 0.5f,
    };

    private static float HalfPixelSymmetric(float x, float scale, long lengthResized, long lengthOriginal)
    {
        float adjustment = lengthResized / (scale * lengthOriginal);
        float center = lengthOriginal / 2f;
        float offset = center * (1 - adjustment);
        return offset + (x + 0.5f) / scale - 0.5f;
    }

    private static Tensor Nearest(Tensor x, int axis, float[] origin, long input, string mode, bool downsample)
    {
        var indices = new long[origin.Length];
        for (int i = 0; i < origin.Length; i++)
        {
            float o = origin[i];
            long index = mode switch
            {
                "simple" => downsample ? (long)MathF.Ceiling(o) : (long)o,
                "round_prefer_ceil" => (long)MathF.Round(o, MidpointRounding.AwayFromZero),
                "floor" => (long)MathF.Floor(o),
                "ceil" => (long)MathF.Ceiling(o),
                _ => o == (long)o + 0.5f ? (long)MathF.Floor(o) : (long)MathF.Round(o, MidpointRounding.AwayFromZero),
            };
            indices[i] = Math.Clamp(index, 0, input - 1);
        }
        return AxisSampling.Take(x, axis, indices);
    }

    private static Tensor Linear(Tensor x, int axis, float[] origin, long input)
    {
        var low = new long[origin.Length];
        var high = new long[origin.Length];
        var weights = new float[origin.Length];
        for (int i = 0; i < origin.Length; i++)
        {
            float o = Math.Clamp(origin[i], 0f, input - 1);
            low[i] = Math.Min((long)o, input - 1);
            high[i] = Math.Min(low[i] + 1, input - 1);
            weights[i] = o - low[i];
        }
        return AxisSampling.Lerp(x, axis, low, high, weights);
    }
}
