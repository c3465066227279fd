namespace Lighten.Core.Zoo;

/// <summary>
/// The SimpleBaseline pose head (Xiao et al., 2018): <c>deconv_layers</c>, three 4×4 stride-2 ConvTranspose
/// (padding 1, no bias) each followed by BatchNorm and ReLU, then <c>final_layer</c>, a 1×1 Conv with bias to
/// one heatmap per joint, at 8× the backbone's resolution (64×64 for a 256×256 input to a stride-32 backbone).
/// </summary>
public static class SimpleBaselineHead
{
    /// <summary>The number of ConvTranspose layers.</summary>
    public const int DeconvLayers = 3;

    /// <summary>Input pixels per heatmap pixel on the zoo's stride-32 backbones: 32 / 2^<see cref="DeconvLayers"/>.</summary>
    public const int HeatmapStride = 32 >> DeconvLayers;

    /// <summary>
    /// Adds the head on <paramref name="features"/>. With <paramref name="bottleneckChannels"/>, a 1×1 Conv, BatchNorm
    /// and ReLU to that many channels comes before each ConvTranspose (the guideline's G2 "PConv before every
    /// Deconv"); the layers then sit in <c>deconv_layers</c> in the order they run.
    /// </summary>
    public static FeatureMap Build(NetBuilder net, FeatureMap features, int joints, int deconvChannels = 256, int? bottleneckChannels = null)
    {
        net.Defaults = LayerDefaults.PoseHead;
        var x = features;
        int index = 0;
        string Next() => ModuleScope.Child("deconv_layers", index++);
        for (int i = 0; i < DeconvLayers; i++)
        {
            if (bottleneckChannels is int k)
            {
                x = net.Conv(Next(), x, k, 1);
                x = net.BatchNorm(Next(), x);
                x = net.Activate(Next(), x, Activation.Relu);
            }
            x = net.ConvTranspose(Next(), x, deconvChannels, 4, 2, 1);
            x = net.BatchNorm(Next(), x);
            x = net.Activate(Next(), x, Activation.Relu);
        }
        return net.Conv("final_layer", x, joints, 1, bias: true);
    }
}
