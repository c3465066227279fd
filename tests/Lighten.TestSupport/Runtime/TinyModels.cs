using System.Collections.Immutable;
using Lighten.Core;
using Lighten.Core.Onnx;

namespace Lighten.Runtime.Tests;

/// <summary>Hand-made ONNX models whose outputs can be worked out on paper.</summary>
public static class TinyModels
{
    /// <summary>[N,3,8,8] → GlobalAveragePool → Flatten → [N,3]: the class is the channel with the highest mean (R, G, B).</summary>
    public static string ColorClassifier(string folder)
    {
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("input", ElementType.Float, new TensorShape([Dim.Sym("batch"), 3, 8, 8])));
        b.AddNode("GlobalAveragePool", ["input"], ["pooled"]);
        b.AddNode("Flatten", ["pooled"], ["output"], [new("axis", new IntAttribute(1))]);
        b.Outputs.Add(new ValueInfo("output", ElementType.Float, new TensorShape([Dim.Sym("batch"), 3])));
        return Save(b, Path.Combine(folder, "color_classifier.onnx"));
    }

    /// <summary>
    /// [N,3,64,64] → 4x4 average pooling → 1x1 convolution averaging the channels into 16 identical maps → [N,16,16,16]:
    /// every joint's heatmap is the image's brightness at a quarter of its resolution.
    /// </summary>
    public static string BrightnessPose(string folder)
    {
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("input", ElementType.Float, new TensorShape([Dim.Sym("batch"), 3, 64, 64])));
        b.AddNode("AveragePool", ["input"], ["pooled"],
            [new("kernel_shape", Ints(4, 4)), new("strides", Ints(4, 4))]);
        b.SetInitializer("weight", TensorData.FromFloats([16, 3, 1, 1], Enumerable.Repeat(1f / 3, 48).ToArray()));
        b.AddNode("Conv", ["pooled", "weight"], ["output"]);
        b.Outputs.Add(new ValueInfo("output", ElementType.Float, new TensorShape([Dim.Sym("batch"), 16, 16, 16])));
        return Save(b, Path.Combine(folder, "brightness_pose.onnx"));
    }

    private static IntsAttribute Ints(params long[] values) => new([.. values]);

    private static string Save(GraphBuilder builder, string path)
    {
        OnnxExporter.Save(builder.ToGraph(), path);
        return path;
    }
}
