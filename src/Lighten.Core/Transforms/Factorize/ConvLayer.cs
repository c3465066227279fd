using Lighten.Core.Transforms.Cleanup;
using Lighten.Core.Transforms.Cleanup.Kernels;

namespace Lighten.Core.Transforms.Factorize;

/// <summary>
/// A Conv or ConvTranspose as the factorizations see it: group 1, a floating-point weight initializer,
/// its channel counts and kernel, and the shapes shape inference gave its input and output.
/// </summary>
internal sealed record ConvLayer(Node Node, TensorData Weight, bool Transposed, int InChannels, int OutChannels, long[] Kernel)
{
    /// <summary>The product of the kernel's spatial sizes.</summary>
    public int KernelArea => (int)TensorOps.Product(Kernel);

    /// <summary>Reads the node named <paramref name="name"/>; throws <see cref="OptionException"/> naming it when <paramref name="pass"/> cannot act on it.</summary>
    public static ConvLayer Read(Graph g, string name, string pass)
    {
        var node = g.FindNode(name) ?? throw new OptionException($"{pass}: the model has no node named '{name}'");
        return TryRead(g, node, out var layer) is { } why
            ? throw new OptionException($"{pass}: node '{name}' ({node.OpType}) {why}")
            : layer!;
    }

    /// <summary>Why <paramref name="node"/> cannot be factorized (null when it can), with the layer when it can.</summary>
    public static string? TryRead(Graph g, Node node, out ConvLayer? layer)
    {
        layer = null;
        bool transposed = node.Is("ConvTranspose");
        if (!transposed && !node.Is("Conv")) return "is not a Conv or ConvTranspose";
        if (node.GetInt("group", 1) is var group && group != 1)
            return $"has group {group}; only ungrouped convolutions (group 1) can be factorized";
        if (!node.HasInput(1) || !g.Initializers.TryGetValue(node.Inputs[1], out var w))
            return "has a weight that is not an initializer";
        if (!w.ElementType.IsFloat() || w.Dims.Length < 3)
            return $"has a weight {w} that is not a floating-point convolution kernel";
        int inChannels = (int)(transposed ? w.Dims[0] : w.Dims[1]);
        int outChannels = (int)(transposed ? w.Dims[1] : w.Dims[0]);
        layer = new ConvLayer(node, w, transposed, inChannels, outChannels, [.. w.Dims.Skip(2)]);
        return null;
    }

    /// <summary>
    /// The weight laid out along input channels, row-major I × (O·K): row i holds every weight that reads
    /// input channel i. Conv [O, I, k...] is transposed to it; ConvTranspose [I, O, k...] already is it.
    /// </summary>
    public double[] InputChannelMatrix()
    {
        var w = TensorOps.ToDoubles(Weight);
        if (Transposed) return w;
        int k = KernelArea, columns = OutChannels * k;
        var m = new double[w.Length];
        for (int o = 0; o < OutChannels; o++)
            for (int i = 0; i < InChannels; i++)
                Array.Copy(w, ((long)o * InChannels + i) * k, m, (long)i * columns + o * k, k);
        return m;
    }

    /// <summary>The layer's weight for <paramref name="rank"/> input channels from a row-major rank × (O·K) matrix laid out as <see cref="InputChannelMatrix"/>.</summary>
    public TensorData WeightFromInputChannelMatrix(double[] m, int rank)
    {
        if (Transposed) return TensorOps.FromDoubles(Weight.ElementType, [rank, OutChannels, .. Kernel], m);
        int k = KernelArea, columns = OutChannels * k;
        var w = new double[m.Length];
        for (int o = 0; o < OutChannels; o++)
            for (int j = 0; j < rank; j++)
                Array.Copy(m, (long)j * columns + o * k, w, ((long)o * rank + j) * k, k);
        return TensorOps.FromDoubles(Weight.ElementType, [OutChannels, rank, .. Kernel], w);
    }

    /// <summary>The spatial element counts (batch and channels left out) of the input and output in <paramref name="shaped"/>; null where unknown.</summary>
    public (long? Input, long? Output) SpatialSizes(Graph shaped) =>
        (Spatial(shaped.FindValue(Node.Inputs[0])), Spatial(shaped.FindValue(Node.Outputs[0])));

    /// <summary>MACs at batch 1 from the spatial sizes: Conv = out · O · I · K, ConvTranspose = in · I · K · O.</summary>
    public long? Macs(long? inputSpatial, long? outputSpatial) =>
        (Transposed ? inputSpatial : outputSpatial) * (long)OutChannels * InChannels * KernelArea;

    private static long? Spatial(ValueInfo? v) =>
        v?.Shape is { Rank: >= 3 } s && s.Dims.Skip(2).All(d => d.IsKnown) ? s.Dims.Skip(2).Aggregate(1L, (p, d) => p * d.Value!.Value) : null;
}
