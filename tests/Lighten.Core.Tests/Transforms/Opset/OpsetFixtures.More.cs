using static Lighten.Core.Tests.Transforms.Opset.FixtureBuilder;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms.Opset;

internal static partial class OpsetFixtures
{
    /// <summary>Squeeze with and without axes, then Unsqueeze with a negative axis.</summary>
    public static IrGraph Squeeze(long opset)
    {
        var f = new FixtureBuilder(opset, X(1, 3, 1, 4));
        if (opset < 13)
        {
            f.Node("sq", "Squeeze", ["x"], ["q"], ("axes", Is(0, 2)));
            f.Node("unsq", "Unsqueeze", ["q"], ["u"], ("axes", Is(0, -1)));
        }
        else
        {
            f.Node("sq", "Squeeze", ["x", f.Ints("sq_axes", 0, 2)], ["q"]);
            f.Node("unsq", "Unsqueeze", ["q", f.Ints("unsq_axes", 0, -1)], ["u"]);
        }
        f.Node("sq_all", "Squeeze", ["x"], ["q2"]);
        return f.Build("u", "q2");
    }

    /// <summary>Split by sizes (2, 4) on axis 1, and into equal halves on axis 2.</summary>
    public static IrGraph Split(long opset)
    {
        var f = new FixtureBuilder(opset, X(1, 6, 4));
        if (opset < 13) f.Node("split", "Split", ["x"], ["s1", "s2"], ("axis", I(1)), ("split", Is(2, 4)));
        else f.Node("split", "Split", ["x", f.Ints("sizes", 2, 4)], ["s1", "s2"], ("axis", I(1)));
        f.Node("halves", "Split", ["x"], ["t1", "t2"], ("axis", I(2)));
        return f.Build("s1", "s2", "t1", "t2");
    }

    /// <summary>ReduceSum over two axes without keepdims, over the last axis, over all axes; ReduceMean keeps its attribute.</summary>
    public static IrGraph ReduceSum(long opset)
    {
        var f = new FixtureBuilder(opset, X(2, 3, 4));
        if (opset < 13)
        {
            f.Node("rs1", "ReduceSum", ["x"], ["r1"], ("axes", Is(1, 2)), ("keepdims", I(0)));
            f.Node("rs2", "ReduceSum", ["x"], ["r2"], ("axes", Is(-1)));
        }
        else
        {
            f.Node("rs1", "ReduceSum", ["x", f.Ints("axes1", 1, 2)], ["r1"], ("keepdims", I(0)));
            f.Node("rs2", "ReduceSum", ["x", f.Ints("axes2", -1)], ["r2"]);
        }
        f.Node("rs3", "ReduceSum", ["x"], ["r3"]);
        f.Node("rm", "ReduceMean", ["x"], ["r4"], ("axes", Is(1)));
        return f.Build("r1", "r2", "r3", "r4");
    }

    /// <summary>Conv → BatchNormalization (spatial = 1 written out before opset 9) → Relu.</summary>
    public static IrGraph BatchNorm(long opset)
    {
        var f = new FixtureBuilder(opset, X(1, 3, 5, 5));
        f.Node("conv", "Conv", ["x", f.Weights("w", 4, 3, 3, 3)], ["c"]);
        string[] stats = [f.Weights("gamma", 4), f.Weights("beta", 4), f.Weights("mean", 4), f.Floats("var", [4], 0.5f, 1.5f, 0.8f, 2f)];
        if (opset < 9) f.Node("bn", "BatchNormalization", ["c", .. stats], ["n"], ("epsilon", F(1e-3f)), ("momentum", F(0.8f)), ("spatial", I(1)));
        else f.Node("bn", "BatchNormalization", ["c", .. stats], ["n"], ("epsilon", F(1e-3f)), ("momentum", F(0.8f)));
        f.Node("relu", "Relu", ["n"], ["y"]);
        return f.Build("y");
    }

    /// <summary>Dropout (ratio 0.3, its mask written but unread) → Relu, and Dropout with the default ratio.</summary>
    public static IrGraph Dropout(long opset)
    {
        var f = new FixtureBuilder(opset, X(2, 5));
        f.Node("drop", "Dropout", ["x"], ["d", "mask"], ("ratio", F(0.3f)));
        f.Node("relu", "Relu", ["d"], ["y"]);
        f.Node("drop2", "Dropout", ["x"], ["z"]);
        return f.Build("y", "z");
    }

    /// <summary>The opset-13 twin of <see cref="Dropout"/>: inference Dropout is the identity.</summary>
    public static IrGraph DropoutTwin()
    {
        var f = new FixtureBuilder(13, X(2, 5));
        f.Node("relu", "Relu", ["x"], ["y"]);
        f.Node("id", "Identity", ["x"], ["z"]);
        return f.Build("y", "z");
    }

    /// <summary>Slice with axes (a negative start and an end past the dimension) and without.</summary>
    public static IrGraph Slice(long opset)
    {
        var f = new FixtureBuilder(opset, X(2, 5, 6));
        if (opset < 10)
        {
            f.Node("sl", "Slice", ["x"], ["y1"], ("starts", Is(1, -4)), ("ends", Is(4, 1000)), ("axes", Is(1, 2)));
            f.Node("sl2", "Slice", ["x"], ["y2"], ("starts", Is(1)), ("ends", Is(2)));
        }
        else
        {
            f.Node("sl", "Slice", ["x", f.Ints("st", 1, -4), f.Ints("en", 4, 1000), f.Ints("ax", 1, 2)], ["y1"]);
            f.Node("sl2", "Slice", ["x", f.Ints("st2", 1), f.Ints("en2", 2)], ["y2"]);
        }
        return f.Build("y1", "y2");
    }

    /// <summary>TopK (k = 2) along the last axis; only the values are an output.</summary>
    public static IrGraph TopK(long opset)
    {
        var f = new FixtureBuilder(opset, X(3, 6));
        if (opset < 10) f.Node("topk", "TopK", ["x"], ["v", "i"], ("k", I(2)), ("axis", I(1)));
        else f.Node("topk", "TopK", ["x", f.Ints("k", 2)], ["v", "i"], ("axis", I(1)));
        return f.Build("v");
    }

    /// <summary>Resize-10 upsampling (nearest and linear) and downsampling (nearest).</summary>
    public static IrGraph Resize(long opset)
    {
        var f = new FixtureBuilder(opset, X(1, 2, 4, 6));
        (string Name, string Mode, float[] Scales, string Rounding)[] cases =
        [
            ("up_nearest", "nearest", [1, 1, 2, 1.5f], "floor"),
            ("down_nearest", "nearest", [1, 1, 0.5f, 0.5f], "ceil"),
            ("up_linear", "linear", [1, 1, 2, 2], ""),
        ];
        foreach (var (name, mode, scales, rounding) in cases)
        {
            var s = f.Floats(name + "_scales", [4], scales);
            if (opset < 11) f.Node(name, "Resize", ["x", s], [name], ("mode", S(mode)));
            else if (rounding.Length == 0)
                f.Node(name, "Resize", ["x", "", s], [name], ("mode", S(mode)), ("coordinate_transformation_mode", S("asymmetric")));
            else
                f.Node(name, "Resize", ["x", "", s], [name], ("mode", S(mode)),
                    ("coordinate_transformation_mode", S("asymmetric")), ("nearest_mode", S(rounding)));
        }
        return f.Build([.. cases.Select(c => c.Name)]);
    }
}
