using Lighten.Core;

namespace Lighten.Runtime;

/// <summary>
/// The small models <see cref="HostProfiler"/> times: one layer each, large enough to reach the machine's sustained
/// rate, with the work they do (operations, bytes) known on paper. Input <c>x</c>, output <c>y</c>, batch 1.
/// </summary>
internal static class CalibrationModels
{
    /// <summary>A model and the work one run does.</summary>
    public sealed record Model(string Name, Graph Graph, double Operations, double Bytes);

    /// <summary>A kernel × kernel convolution, <paramref name="channels"/> to <paramref name="outChannels"/> (default: as many), at size × size.</summary>
    public static Model Conv(int channels, int size, int kernel, int group = 1, int? outChannels = null)
    {
        int outputs = outChannels ?? channels;
        var b = Start([1, channels, size, size]);
        b.SetInitializer("w", Weights([outputs, channels / group, kernel, kernel]));
        b.AddNode("Conv", ["x", "w"], ["y"], [Int("group", group), Ints("pads", kernel / 2, kernel / 2, kernel / 2, kernel / 2)]);
        double macs = (double)size * size * outputs * kernel * kernel * (channels / group);
        return Finish(b, $"conv{kernel}x{kernel}_{channels}to{outputs}_g{group}", [1, outputs, size, size], 2 * macs, 4.0 * size * size * (channels + outputs));
    }

    /// <summary>A 4×4 stride-2 transposed convolution doubling size × size.</summary>
    public static Model ConvTranspose(int channels, int size)
    {
        var b = Start([1, channels, size, size]);
        b.SetInitializer("w", Weights([channels, channels, 4, 4]));
        b.AddNode("ConvTranspose", ["x", "w"], ["y"], [Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1)]);
        double macs = (double)size * size * channels * 16 * channels;
        return Finish(b, "conv_transpose", [1, channels, 2 * size, 2 * size], 2 * macs, 4.0 * 5 * size * size * channels);
    }

    /// <summary>A fully connected layer at batch 1 (bound by reading its weights).</summary>
    public static Model Gemm(int inputs, int outputs)
    {
        var b = Start([1, inputs]);
        b.SetInitializer("w", Weights([outputs, inputs]));
        b.AddNode("Gemm", ["x", "w"], ["y"], [Int("transB", 1)]);
        return Finish(b, "gemm", [1, outputs], 2.0 * inputs * outputs, 4.0 * ((double)inputs * outputs + inputs + outputs));
    }

    /// <summary>x + x over <paramref name="elements"/> floats, far larger than any cache: one read and one write stream (bandwidth).</summary>
    public static Model Add(long elements)
    {
        var b = Start([1, elements]);
        b.AddNode("Add", ["x", "x"], ["y"]);
        return Finish(b, "add", [1, elements], elements, 2.0 * 4 * elements);
    }

    /// <summary>
    /// A chain of <paramref name="length"/> small 3×3 convolutions (16 channels, 16×16, one shared weight): each does
    /// little work, so the chain's time beyond that work is the runtime's per-layer cost (dispatch to the thread pool).
    /// </summary>
    public static Model ConvChain(int length)
    {
        var b = Start([1, 16, 16, 16]);
        b.SetInitializer("w", Weights([16, 16, 3, 3]));
        var previous = "x";
        for (int i = 0; i < length; i++)
        {
            var next = i == length - 1 ? "y" : $"t{i}";
            b.AddNode("Conv", [previous, "w"], [next], [Ints("pads", 1, 1, 1, 1)]);
            previous = next;
        }
        return Finish(b, $"conv_chain{length}", [1, 16, 16, 16], 2.0 * length * 16 * 16 * 16 * 9 * 16, 0);
    }

    /// <summary>
    /// The 3×3 convolution of <see cref="Conv"/> in INT8 as a QDQ graph (uint8 activations, int8 weights), which
    /// ONNX Runtime runs as one QLinearConv.
    /// </summary>
    public static Model Int8Conv(int channels, int size)
    {
        var b = Start([1, channels, size, size]);
        b.SetInitializer("x_scale", TensorData.FromFloats([], [0.02f]));
        b.SetInitializer("x_zero", TensorData.FromUInt8s([], [128]));
        b.SetInitializer("w_scale", TensorData.FromFloats([], [0.01f]));
        b.SetInitializer("w_zero", TensorData.FromInt8s([], [0]));
        var weights = new sbyte[channels * channels * 9];
        for (int i = 0; i < weights.Length; i++) weights[i] = (sbyte)(i % 15 - 7);
        b.SetInitializer("w_q", TensorData.FromInt8s([channels, channels, 3, 3], weights));
        b.AddNode("QuantizeLinear", ["x", "x_scale", "x_zero"], ["x_q"]);
        b.AddNode("DequantizeLinear", ["x_q", "x_scale", "x_zero"], ["x_dq"]);
        b.AddNode("DequantizeLinear", ["w_q", "w_scale", "w_zero"], ["w"]);
        b.AddNode("Conv", ["x_dq", "w"], ["c"], [Ints("pads", 1, 1, 1, 1)]);
        b.AddNode("QuantizeLinear", ["c", "x_scale", "x_zero"], ["c_q"]);
        b.AddNode("DequantizeLinear", ["c_q", "x_scale", "x_zero"], ["y"]);
        double macs = (double)size * size * channels * 9 * channels;
        return Finish(b, "int8_conv3x3", [1, channels, size, size], 2 * macs, 2.0 * size * size * channels);
    }

    private static GraphBuilder Start(long[] input)
    {
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape(input)));
        return b;
    }

    private static Model Finish(GraphBuilder b, string name, long[] output, double operations, double bytes)
    {
        b.Outputs.Add(new ValueInfo("y", ElementType.Float, new TensorShape(output)));
        return new Model(name, b.ToGraph() with { Name = name, Opsets = [new OpsetImport("", 17)] }, operations, bytes);
    }

    private static TensorData Weights(long[] dims)
    {
        var values = new float[dims.Aggregate(1L, (a, d) => a * d)];
        for (int i = 0; i < values.Length; i++) values[i] = (i % 13 - 6) * 0.01f;
        return TensorData.FromFloats(dims, values);
    }

    private static KeyValuePair<string, AttributeValue> Int(string name, long value) => new(name, new IntAttribute(value));

    private static KeyValuePair<string, AttributeValue> Ints(string name, params long[] values) => new(name, new IntsAttribute([.. values]));
}
