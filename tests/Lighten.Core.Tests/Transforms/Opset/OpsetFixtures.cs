using static Lighten.Core.Tests.Transforms.Opset.FixtureBuilder;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms.Opset;

/// <summary>Graphs written at opsets 7 to 11, each with an opset-13 twin, built independently, that computes the same function.</summary>
internal static partial class OpsetFixtures
{
    public static readonly IReadOnlyDictionary<string, Func<(IrGraph Old, IrGraph Twin)>> All =
        new Dictionary<string, Func<(IrGraph, IrGraph)>>
        {
            ["upsample7_nearest"] = () => Upsample(7, "nearest"),
            ["upsample8_nearest"] = () => Upsample(8, "nearest"),
            ["upsample8_linear"] = () => Upsample(8, "linear"),
            ["upsample9_nearest"] = () => Upsample(9, "nearest"),
            ["upsample9_linear"] = () => Upsample(9, "linear"),
            ["clip6_opset9"] = () => (Clip(9), Clip(13)),
            ["pad2_opset8"] = () => (Pad(8), Pad(13)),
            ["softmax_opset11"] = () => (Softmax(11), SoftmaxTwin()),
            ["squeeze_unsqueeze_opset11"] = () => (Squeeze(11), Squeeze(13)),
            ["split_opset11"] = () => (Split(11), Split(13)),
            ["reducesum_opset11"] = () => (ReduceSum(11), ReduceSum(13)),
            ["batchnorm_opset8"] = () => (BatchNorm(8), BatchNorm(13)),
            ["dropout_opset9"] = () => (Dropout(9), DropoutTwin()),
            ["dropout_opset11"] = () => (Dropout(11), DropoutTwin()),
            ["slice1_opset9"] = () => (Slice(9), Slice(13)),
            ["topk1_opset9"] = () => (TopK(9), TopK(13)),
            ["resize10_opset10"] = () => (Resize(10), Resize(13)),
        };

    private static (string, long[]) X(params long[] shape) => ("x", shape);

    /// <summary>Conv → Relu → Upsample (scales 1, 1, 2, 3) → Conv; the twin has Resize(asymmetric) in its place.</summary>
    public static (IrGraph, IrGraph) Upsample(long opset, string mode)
    {
        IrGraph Net(long at)
        {
            var f = new FixtureBuilder(at, X(1, 3, 6, 5));
            f.Node("conv1", "Conv", ["x", f.Weights("w1", 4, 3, 3, 3), f.Weights("b1", 4)], ["c1"], ("pads", Is(1, 1, 1, 1)));
            f.Node("relu", "Relu", ["c1"], ["r1"]);
            float[] scales = [1, 1, 2, 3];
            if (at < 9) f.Node("up", "Upsample", ["r1"], ["u"], ("mode", S(mode)), ("scales", Fs(scales)));
            else if (at < 13) f.Node("up", "Upsample", ["r1", f.Floats("scales", [4], scales)], ["u"], ("mode", S(mode)));
            else if (mode == "nearest")
                f.Node("resize", "Resize", ["r1", "", f.Floats("s", [4], scales)], ["u"], ("mode", S(mode)),
                    ("coordinate_transformation_mode", S("asymmetric")), ("nearest_mode", S("floor")));
            else
                f.Node("resize", "Resize", ["r1", "", f.Floats("s", [4], scales)], ["u"], ("mode", S(mode)),
                    ("coordinate_transformation_mode", S("asymmetric")));
            f.Node("conv2", "Conv", ["u", f.Weights("w2", 2, 4, 1, 1)], ["y"]);
            return f.Build("y");
        }
        return (Net(opset), Net(13));
    }

    /// <summary>Clip with both bounds, only max and only min.</summary>
    public static IrGraph Clip(long opset)
    {
        var f = new FixtureBuilder(opset, X(2, 3, 4));
        if (opset < 11)
        {
            f.Node("clip_both", "Clip", ["x"], ["a"], ("min", F(-0.3f)), ("max", F(0.5f)));
            f.Node("clip_max", "Clip", ["x"], ["b"], ("max", F(0.2f)));
            f.Node("clip_min", "Clip", ["x"], ["c"], ("min", F(-0.1f)));
        }
        else
        {
            f.Node("clip_both", "Clip", ["x", f.Floats("lo", [], -0.3f), f.Floats("hi", [], 0.5f)], ["a"]);
            f.Node("clip_max", "Clip", ["x", "", f.Floats("hi2", [], 0.2f)], ["b"]);
            f.Node("clip_min", "Clip", ["x", f.Floats("lo3", [], -0.1f)], ["c"]);
        }
        return f.Build("a", "b", "c");
    }

    /// <summary>Pad in constant (value 0.5), reflect and edge modes.</summary>
    public static IrGraph Pad(long opset)
    {
        var f = new FixtureBuilder(opset, X(1, 2, 3, 4));
        long[] p1 = [0, 0, 1, 2, 0, 0, 2, 1], p2 = [0, 0, 1, 1, 0, 0, 1, 1], p3 = [0, 0, 0, 2, 0, 0, 1, 0];
        if (opset < 11)
        {
            f.Node("pad_const", "Pad", ["x"], ["p1"], ("pads", Is(p1)), ("value", F(0.5f)));
            f.Node("pad_reflect", "Pad", ["x"], ["p2"], ("pads", Is(p2)), ("mode", S("reflect")));
            f.Node("pad_edge", "Pad", ["x"], ["p3"], ("pads", Is(p3)), ("mode", S("edge")));
        }
        else
        {
            f.Node("pad_const", "Pad", ["x", f.Ints("pads1", p1), f.Floats("v", [], 0.5f)], ["p1"]);
            f.Node("pad_reflect", "Pad", ["x", f.Ints("pads2", p2)], ["p2"], ("mode", S("reflect")));
            f.Node("pad_edge", "Pad", ["x", f.Ints("pads3", p3)], ["p3"], ("mode", S("edge")));
        }
        return f.Build("p1", "p2", "p3");
    }

    /// <summary>Softmax on axis 1, LogSoftmax on its default axis (1), Hardmax on axis 2 and Softmax on the last axis, of a 4-D input.</summary>
    public static IrGraph Softmax(long opset)
    {
        var f = new FixtureBuilder(opset, X(1, 3, 4, 5));
        f.Node("sm1", "Softmax", ["x"], ["s1"], ("axis", I(1)));
        f.Node("lsm", "LogSoftmax", ["x"], ["s2"]);
        f.Node("hm", "Hardmax", ["x"], ["s3"], ("axis", I(2)));
        f.Node("sm_last", "Softmax", ["x"], ["s4"], ("axis", I(3)));
        return f.Build("s1", "s2", "s3", "s4");
    }

    /// <summary>The opset-13 twin of <see cref="Softmax"/>: 2-D coercion written out with Flatten and a constant-shape Reshape.</summary>
    public static IrGraph SoftmaxTwin()
    {
        var f = new FixtureBuilder(13, X(1, 3, 4, 5));
        var shape = f.Ints("shape", 1, 3, 4, 5);
        f.Node("f1", "Flatten", ["x"], ["x1"], ("axis", I(1)));
        f.Node("sm1", "Softmax", ["x1"], ["y1"], ("axis", I(1)));
        f.Node("r1", "Reshape", ["y1", shape], ["s1"]);
        f.Node("lsm", "LogSoftmax", ["x1"], ["y2"], ("axis", I(1)));
        f.Node("r2", "Reshape", ["y2", shape], ["s2"]);
        f.Node("f3", "Flatten", ["x"], ["x3"], ("axis", I(2)));
        f.Node("hm", "Hardmax", ["x3"], ["y3"], ("axis", I(-1)));
        f.Node("r3", "Reshape", ["y3", shape], ["s3"]);
        f.Node("sm_last", "Softmax", ["x"], ["s4"]);
        return f.Build("s1", "s2", "s3", "s4");
    }
}
