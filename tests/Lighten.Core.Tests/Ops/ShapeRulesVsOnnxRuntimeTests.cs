using Google.Protobuf;
using Lighten.Core;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

/// <summary>
/// Differential tests: each case is one node that ONNX Runtime runs on zeros; the shapes it produces
/// must be the shapes the rule infers.
/// </summary>
public class ShapeRulesVsOnnxRuntimeTests
{
    private sealed record Case(string Op, long Opset, In?[] Inputs, int Outputs = 1, params (string Name, AttributeValue Value)[] Attributes);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["slice-negative-start"] = new("Slice", 13, [In.F(2, 8, 12), In.Ints(-3), In.Ints(long.MaxValue), In.Ints(2)]),
        ["slice-negative-step"] = new("Slice", 13, [In.F(2, 8, 12), In.Ints(6), In.Ints(1), In.Ints(1), In.Ints(-2)]),
        ["slice-reverse"] = new("Slice", 13, [In.F(2, 8, 12), In.Ints(-1), In.Ints(long.MinValue), In.Ints(1), In.Ints(-1)]),
        ["slice-step-3"] = new("Slice", 13, [In.F(2, 8, 12), In.Ints(1), In.Ints(8), In.Ints(1), In.Ints(3)]),
        ["slice-past-end"] = new("Slice", 13, [In.F(2, 8, 12), In.Ints(10), In.Ints(20), In.Ints(1)]),
        ["slice-no-axes"] = new("Slice", 13, [In.F(4, 6, 7), In.Ints(0, 2), In.Ints(1, 5)]),
        ["slice-attributes"] = new("Slice", 9, [In.F(2, 8, 12)], 1, Ints("starts", 1), Ints("ends", 3), Ints("axes", 1)),
        ["split-num-outputs"] = new("Split", 18, [In.F(7)], 3, Int("num_outputs", 3)),
        ["split-attribute"] = new("Split", 11, [In.F(2, 6, 8)], 2, Int("axis", 1), Ints("split", 2, 4)),
        ["split-input"] = new("Split", 13, [In.F(2, 6, 8), In.Ints(2, 4)], 2, Int("axis", 1)),
        ["reshape"] = new("Reshape", 13, [In.F(2, 3, 4), In.Ints(0, -1)]),
        ["reshape-allowzero"] = new("Reshape", 14, [In.F(0, 4), In.Ints(0, 4)], 1, Int("allowzero", 1)),
        ["flatten-0"] = new("Flatten", 13, [In.F(2, 3, 4)], 1, Int("axis", 0)),
        ["flatten-last"] = new("Flatten", 13, [In.F(2, 3, 4)], 1, Int("axis", -1)),
        ["gather-axis-1"] = new("Gather", 13, [In.F(5, 4, 3), In.Const(TensorData.FromInt64s([2, 2], [0, 1, 2, -1]))], 1, Int("axis", 1)),
        ["concat"] = new("Concat", 13, [In.F(1, 2), In.F(1, 3)], 1, Int("axis", -1)),
        ["transpose-default"] = new("Transpose", 13, [In.F(2, 3, 4)]),
        ["squeeze-attribute"] = new("Squeeze", 11, [In.F(2, 1, 5)], 1, Ints("axes", 1)),
        ["squeeze-all"] = new("Squeeze", 13, [In.F(1, 3, 1)]),
        ["unsqueeze-input"] = new("Unsqueeze", 13, [In.F(3, 4), In.Ints(0, -1)]),
        ["unsqueeze-attribute"] = new("Unsqueeze", 11, [In.F(3, 4)], 1, Ints("axes", 1)),
        ["resize-10"] = new("Resize", 10, [In.F(1, 3, 4, 8), In.Floats(1, 1, 2, 2)]),
        ["resize-11-sizes"] = new("Resize", 11, [In.F(1, 3, 4, 8), In.Floats(), In.Floats(), In.Ints(1, 3, 7, 9)]),
        ["resize-13-fractional"] = new("Resize", 13, [In.F(1, 3, 4, 8), null, In.Floats(1, 1, 1.5f, 1.6f)]),
        ["resize-18-not-larger"] = new("Resize", 18, [In.F(1, 3, 4, 8), null, null, In.Ints(6, 10)], 1,
            Ints("axes", 2, 3), Str("keep_aspect_ratio_policy", "not_larger")),
        ["resize-18-not-smaller"] = new("Resize", 18, [In.F(1, 3, 4, 8), null, null, In.Ints(6, 10)], 1,
            Ints("axes", 2, 3), Str("keep_aspect_ratio_policy", "not_smaller")),
        ["upsample-9"] = new("Upsample", 9, [In.F(1, 3, 4, 8), In.Floats(1, 1, 2, 3)]),
        ["pad-attribute"] = new("Pad", 2, [In.F(1, 3, 4, 8)], 1, Ints("pads", 0, 0, 1, 2, 0, 0, 3, 4)),
        ["pad-negative"] = new("Pad", 13, [In.F(1, 3, 4, 8), In.Ints(0, 0, -1, 1, 0, 0, -1, 2)]),
        ["pad-axes"] = new("Pad", 18, [In.F(1, 3, 4, 8), In.Ints(1, 1, 2, 2), null, In.Ints(2, -1)]),
        ["reduce-mean-attribute"] = new("ReduceMean", 13, [In.F(2, 16, 3, 3)], 1, Ints("axes", 2, 3), Int("keepdims", 0)),
        ["reduce-mean-noop"] = new("ReduceMean", 18, [In.F(2, 16, 3, 3)], 1, Int("noop_with_empty_axes", 1)),
        ["reduce-sum-input"] = new("ReduceSum", 13, [In.F(2, 16, 3, 3), In.Ints(1)]),
        ["range"] = new("Range", 13, [In.Scalar(10), In.Scalar(0), In.Scalar(-3)]),
        ["constant-of-shape"] = new("ConstantOfShape", 13, [In.Ints(3, 2)]),
        ["shape-start-end"] = new("Shape", 15, [In.F(2, 3, 4, 5)], 1, Int("start", 1), Int("end", -1)),
        ["quantize-per-axis"] = new("QuantizeLinear", 13,
            [In.F(16, 8, 3, 3), In.Const(TensorData.FromFloats([8], Enumerable.Repeat(1f, 8).ToArray())), In.Const(TensorData.FromInt8s([8], new sbyte[8]))]),
        ["dequantize"] = new("DequantizeLinear", 13, [In.Of(ElementType.Int8, 2, 8), In.Const(TensorData.FromFloats([], [0.5f]))]),
        ["dropout-mask"] = new("Dropout", 13, [In.F(2, 64)], 2),
        ["cast"] = new("Cast", 13, [In.F(2, 3)], 1, Int("to", (long)ElementType.Int64)),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void InferredShapesMatchOnnxRuntime(string name)
    {
        var c = Cases[name];
        var ctx = Rule.Infer(c.Op, c.Inputs, c.Opset, c.Outputs, c.Attributes);
        var actual = RunOnnxRuntime(c, ctx);
        for (int i = 0; i < c.Outputs; i++)
        {
            Assert.Equal(actual[i].Type, ctx.Type(i));
            Assert.Equal(actual[i].Shape, ctx.Shape(i));
        }
    }

    private static (ElementType Type, string Shape)[] RunOnnxRuntime(Case c, Lighten.Core.Ops.ShapeContext ctx)
    {
        var graph = new GraphProto { Name = c.Op };
        var node = new NodeProto { OpType = c.Op, Name = "n" };
        node.Input.AddRange(c.Inputs.Select((x, i) => x is null ? "" : $"x{i}"));
        node.Output.AddRange(Enumerable.Range(0, c.Outputs).Select(i => $"y{i}"));
        node.Attribute.AddRange(c.Attributes.Select(a => Attribute(a.Name, a.Value)));
        graph.Node.Add(node);
        var feeds = new List<(string Name, OrtValue Value)>();
        try
        {
            for (int i = 0; i < c.Inputs.Length; i++)
            {
                if (c.Inputs[i] is not { } x) continue;
                if (x.Constant is { } t) graph.Initializer.Add(Tensor($"x{i}", t));
                else
                {
                    graph.Input.Add(Info($"x{i}", x.Type, x.Shape!.ToArray()));
                    feeds.Add(($"x{i}", Zeros(x.Type, x.Shape!.ToArray())));
                }
            }
            for (int i = 0; i < c.Outputs; i++) graph.Output.Add(Info($"y{i}", ctx.Type(i), null));
            var model = new ModelProto { IrVersion = 8, Graph = graph };
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = c.Opset });

            using var session = new InferenceSession(model.ToByteArray());
            using var options = new RunOptions();
            using var results = session.Run(options, feeds.Select(f => f.Name).ToArray(), feeds.Select(f => f.Value).ToArray(),
                Enumerable.Range(0, c.Outputs).Select(i => $"y{i}").ToArray());
            return [.. results.Select(r =>
            {
                var info = r.GetTensorTypeAndShape();
                var dims = info.Shape;
                return ((ElementType)(int)info.ElementDataType, dims.Length == 0 ? "scalar" : string.Join("x", dims));
            })];
        }
        finally
        {
            foreach (var f in feeds) f.Value.Dispose();
        }
    }

    private static OrtValue Zeros(ElementType type, long[] dims)
    {
        long n = dims.Aggregate(1L, (a, d) => a * d);
        return type switch
        {
            ElementType.Float => OrtValue.CreateTensorValueFromMemory(new float[n], dims),
            ElementType.Int64 => OrtValue.CreateTensorValueFromMemory(new long[n], dims),
            ElementType.Int8 => OrtValue.CreateTensorValueFromMemory(new sbyte[n], dims),
            _ => throw new NotSupportedException(type.ToString()),
        };
    }

    private static ValueInfoProto Info(string name, ElementType type, long[]? dims)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)type };
        if (dims is not null)
        {
            tensor.Shape = new TensorShapeProto();
            tensor.Shape.Dim.AddRange(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    private static TensorProto Tensor(string name, TensorData t)
    {
        var proto = new TensorProto { Name = name, DataType = (int)t.ElementType, RawData = ByteString.CopyFrom(t.Raw.Span) };
        proto.Dims.AddRange(t.Dims);
        return proto;
    }

    private static AttributeProto Attribute(string name, AttributeValue value)
    {
        var a = new AttributeProto { Name = name };
        switch (value)
        {
            case IntAttribute i: a.Type = AttributeProto.Types.AttributeType.Int; a.I = i.Value; break;
            case IntsAttribute l: a.Type = AttributeProto.Types.AttributeType.Ints; a.Ints.AddRange(l.Values); break;
            case FloatAttribute f: a.Type = AttributeProto.Types.AttributeType.Float; a.F = f.Value; break;
            case FloatsAttribute fs: a.Type = AttributeProto.Types.AttributeType.Floats; a.Floats.AddRange(fs.Values); break;
            case StringAttribute s: a.Type = AttributeProto.Types.AttributeType.String; a.S = ByteString.CopyFromUtf8(s.Value); break;
            case TensorAttribute t: a.Type = AttributeProto.Types.AttributeType.Tensor; a.T = Tensor("", t.Value); break;
            default: throw new NotSupportedException(value.GetType().Name);
        }
        return a;
    }
}
