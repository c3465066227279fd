using System.Collections.Immutable;
using System.Globalization;
using Lighten.Core.Numerics;

namespace Lighten.Core.Transforms.Factorize;

/// <summary>
/// Inserts a channel bottleneck before a Conv or ConvTranspose: a 1×1 Conv (PConv) maps the layer's c_in input
/// channels to r, and the layer then reads those r channels. Both are initialized from a truncated SVD of the
/// layer's weight laid out along input channels, M = W as c_in × (c_out · kernel) = U S Vᵀ: the PConv is U_rᵀ and
/// the layer's new weight U_rᵀ M, so the pair computes the original layer with M replaced by its best rank-r
/// approximation, exactly at r = c_in. The bias stays on the layer; whatever feeds the layer (a BatchNorm, a
/// ReLU) now feeds the PConv unchanged. Only group 1.
/// </summary>
public static class InsertBottleneck
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(InsertBottleneck);

    /// <summary>Inserts a bottleneck before each named layer; throws <see cref="OptionException"/> for a name it cannot act on.</summary>
    public static PassResult Run(Graph g, IEnumerable<string> layers, BottleneckOptions options) => RunDetailed(g, layers, options).Result;

    /// <summary>The pass with one outcome per layer.</summary>
    internal static (PassResult Result, ImmutableArray<LayerOutcome> Outcomes) RunDetailed(Graph g, IEnumerable<string> layers, BottleneckOptions options) =>
        LayerPass.Run(g, layers, Name, _ => null, (b, layer, shaped) => Rewrite(b, layer, shaped, options));

    private static LayerOutcome Rewrite(GraphBuilder b, ConvLayer layer, Graph shaped, BottleneckOptions options)
    {
        int cin = layer.InChannels, columns = layer.OutChannels * layer.KernelArea;
        var m = layer.InputChannelMatrix();
        var basis = LeftSingularBasis.Compute(m, cin, columns);
        int r = options.Rank.Resolve(basis, cin);

        var (inSpatial, outSpatial) = layer.SpatialSizes(shaped);
        var before = layer.Macs(inSpatial, outSpatial);
        var after = inSpatial * cin * r + before * r / cin;
        if (options.RequireFewerMacs && !LayerPass.Lowers(before, after))
            return LayerPass.Skip(layer, $"a bottleneck of {r} channels on {cin} input channels would not lower its MACs ({before} → {after})");

        var node = b.FindNode(layer.Node.Name)!;
        var pconvWeight = b.UniqueName(node.Name + "_bottleneck_weight");
        var layerWeight = b.UniqueName(node.Inputs[1] + "_r" + r.ToString(CultureInfo.InvariantCulture));
        var between = b.UniqueName(node.Name + "_bottleneck_out");
        var ones = Enumerable.Repeat(1L, layer.Kernel.Length).ToArray();
        b.SetInitializer(pconvWeight, Cleanup.Kernels.TensorOps.FromDoubles(layer.Weight.ElementType, [r, cin, .. ones], basis.Basis(r)));
        b.SetInitializer(layerWeight, layer.WeightFromInputChannelMatrix(basis.Project(m, columns, r), r));
        b.AddNode(new Node(b.UniqueName(node.Name + "_bottleneck"), "Conv", [node.Inputs[0], pconvWeight], [between],
            [LayerPass.Ints("kernel_shape", ones)]));
        b.ReplaceNode(node with { Inputs = [between, layerWeight, .. node.Inputs.Skip(2)] });
        var energy = basis.EnergyAt(r).ToString("0.0%", CultureInfo.InvariantCulture);
        return new LayerOutcome(node.Name, node.OpType, true,
            $"inserted a {r}-channel bottleneck before {node.OpType} '{node.Name}' ({cin} → {r} channels, {energy} of the energy)",
            $"bottleneck {cin} → {r} ({energy} energy)");
    }
}
