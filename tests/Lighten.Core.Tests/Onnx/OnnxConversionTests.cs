using Google.Protobuf;
using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Onnx;
using static Lighten.Core.Tests.Onnx.OnnxProtos;
using AttributeType = Onnx.AttributeProto.Types.AttributeType;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Lighten.Core.Tests.Onnx;

public class OnnxConversionTests
{
    private static TensorData ReadInitializer(TensorProto tensor)
    {
        tensor.Name = "w";
        var graph = OnnxProtos.Import(Model(Graph([Node("Identity", ["w"], ["y"])], ["y"], null, tensor)));
        return graph.Initializers["w"];
    }

    private static TensorProto Typed(DataType type, long[] dims, Action<TensorProto> fill)
    {
        var t = new TensorProto { DataType = (int)type };
        t.Dims.AddRange(dims);
        fill(t);
        return t;
    }

    [Fact]
    public void TypedFieldsArePackedByOnnxRules()
    {
        Assert.Equal([1.5f, -2f], ReadInitializer(Typed(DataType.Float, [2], t => t.FloatData.AddRange([1.5f, -2f]))).AsSpan<float>().ToArray());
        Assert.Equal([1.25, -3], ReadInitializer(Typed(DataType.Double, [2], t => t.DoubleData.AddRange([1.25, -3]))).AsSpan<double>().ToArray());
        Assert.Equal([5L, -6L], ReadInitializer(Typed(DataType.Int64, [2], t => t.Int64Data.AddRange([5, -6]))).ToInt64Array());
        Assert.Equal([7L, -8L], ReadInitializer(Typed(DataType.Int32, [2], t => t.Int32Data.AddRange([7, -8]))).ToInt64Array());
        Assert.Equal([-3L, 100L], ReadInitializer(Typed(DataType.Int16, [2], t => t.Int32Data.AddRange([-3, 100]))).ToInt64Array());
        Assert.Equal([-128L, 127L], ReadInitializer(Typed(DataType.Int8, [2], t => t.Int32Data.AddRange([-128, 127]))).ToInt64Array());
        Assert.Equal([0L, 255L], ReadInitializer(Typed(DataType.Uint8, [2], t => t.Int32Data.AddRange([0, 255]))).ToInt64Array());
        Assert.Equal([1L, 0L, 1L], ReadInitializer(Typed(DataType.Bool, [3], t => t.Int32Data.AddRange([1, 0, 1]))).ToInt64Array());
        Assert.Equal([4_000_000_000L], ReadInitializer(Typed(DataType.Uint32, [1], t => t.Uint64Data.Add(4_000_000_000))).ToInt64Array());
        // float16 values are stored as their bit patterns in int32_data: 0x3C00 is 1.0, 0xC000 is -2.0.
        var half = ReadInitializer(Typed(DataType.Float16, [2], t => t.Int32Data.AddRange([0x3C00, 0xC000])));
        Assert.Equal(ElementType.Float16, half.ElementType);
        Assert.Equal([1f, -2f], half.ToFloatArray());
    }

    [Fact]
    public void RawDataIsReadLittleEndianAndScalarsHaveNoDims()
    {
        var t = new TensorProto { DataType = (int)DataType.Float, RawData = ByteString.CopyFrom(BitConverter.GetBytes(2.5f)) };
        var scalar = ReadInitializer(t);
        Assert.Empty(scalar.Dims);
        Assert.Equal([2.5f], scalar.ToFloatArray());
    }

    [Fact]
    public void ConstantNodesBecomeInitializers()
    {
        var nodes = new[]
        {
            Node("Constant", [], ["c_tensor"], "c1", "", TensorAttribute("value", FloatTensor("", [2], 1, 2))),
            Node("Constant", [], ["c_float"], "c2", "", new AttributeProto { Name = "value_float", Type = AttributeType.Float, F = 0.5f }),
            Node("Constant", [], ["c_ints"], "c3", "", new AttributeProto { Name = "value_ints", Type = AttributeType.Ints, Ints = { 3, 4 } }),
            Node("Constant", [], ["c_int"], "c4", "", new AttributeProto { Name = "value_int", Type = AttributeType.Int, I = 9 }),
            Node("Constant", [], ["c_floats"], "c5", "", new AttributeProto { Name = "value_floats", Type = AttributeType.Floats, Floats = { 1, 2, 3 } }),
            Node("Add", ["x", "c_tensor"], ["y"], "add"),
        };
        var graph = OnnxProtos.Import(Model(Graph(nodes, ["y", "c_float", "c_ints", "c_int", "c_floats"], [1, 2])));

        Assert.Equal(["add"], graph.Nodes.Select(n => n.Name));
        Assert.Equal([1f, 2f], graph.Initializers["c_tensor"].ToFloatArray());
        Assert.Empty(graph.Initializers["c_float"].Dims);
        Assert.Equal([0.5f], graph.Initializers["c_float"].ToFloatArray());
        Assert.Equal(ElementType.Int64, graph.Initializers["c_ints"].ElementType);
        Assert.Equal([3L, 4L], graph.Initializers["c_ints"].ToInt64Array());
        Assert.Equal([9L], graph.Initializers["c_int"].ToInt64Array());
        Assert.Equal([3L], graph.Initializers["c_floats"].Dims.ToArray());
    }

    [Fact]
    public void AConstantOfAKindLightenCannotHoldStaysANode()
    {
        var strings = new TensorProto { DataType = (int)DataType.String, StringData = { ByteString.CopyFromUtf8("a") } };
        strings.Dims.Add(1);
        var graph = OnnxProtos.Import(Model(Graph([Node("Constant", [], ["s"], "c", "", TensorAttribute("value", strings))], ["s"])));

        var node = Assert.Single(graph.Nodes);
        Assert.IsType<OpaqueAttribute>(node.Attributes["value"]);
        var again = OnnxImporter.Load(OnnxExporter.ToBytes(graph), "again.onnx", null);
        Assert.Equal(node, Assert.Single(again.Nodes));
    }

    [Fact]
    public void AttributesAreTyped()
    {
        var attributes = new[]
        {
            new AttributeProto { Name = "i", Type = AttributeType.Int, I = -3 },
            new AttributeProto { Name = "f", Type = AttributeType.Float, F = 0.25f },
            new AttributeProto { Name = "s", Type = AttributeType.String, S = ByteString.CopyFromUtf8("héllo") },
            new AttributeProto { Name = "is", Type = AttributeType.Ints, Ints = { 1, 2 } },
            new AttributeProto { Name = "fs", Type = AttributeType.Floats, Floats = { 1.5f } },
            new AttributeProto { Name = "ss", Type = AttributeType.Strings, Strings = { ByteString.CopyFromUtf8("a"), ByteString.CopyFromUtf8("b") } },
            TensorAttribute("t", FloatTensor("", [1], 7)),
        };
        var graph = OnnxProtos.Import(Model(Graph([Node("Custom", ["x"], ["y"], "n", "com.example", attributes)], ["y"])));
        var node = Assert.Single(graph.Nodes);

        Assert.Equal(new IntAttribute(-3), node.Attributes["i"]);
        Assert.Equal(new FloatAttribute(0.25f), node.Attributes["f"]);
        Assert.Equal(new StringAttribute("héllo"), node.Attributes["s"]);
        Assert.Equal([1L, 2L], node.GetInts("is")!);
        Assert.Equal([1.5f], node.GetFloats("fs")!);
        Assert.Equal(["a", "b"], ((StringsAttribute)node.Attributes["ss"]).Values.AsEnumerable());
        Assert.Equal([7f], node.GetTensor("t")!.ToFloatArray());
        Assert.Equal(node, Assert.Single(OnnxImporter.Load(OnnxExporter.ToBytes(graph), "again.onnx", null).Nodes));
    }

    [Fact]
    public void AnUnknownCustomDomainOpRoundTripsWithItsOpaqueAttributes()
    {
        var body = new GraphProto { Name = "body" };
        body.Node.Add(Node("Relu", ["x"], ["z"], "inner"));
        var graphAttribute = new AttributeProto { Name = "body", Type = AttributeType.Graph, G = body };
        var node = Node("FancyOp", ["x"], ["y"], "fancy", "com.example", graphAttribute, new AttributeProto { Name = "k", Type = AttributeType.Int, I = 2 });
        var model = Model(Graph([node], ["y"]));
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.example", Version = 3 });

        var graph = OnnxProtos.Import(model);
        var imported = Assert.Single(graph.Nodes);
        Assert.Equal("com.example", imported.Domain);
        var opaque = Assert.IsType<OpaqueAttribute>(imported.Attributes["body"]);
        Assert.Equal((int)AttributeType.Graph, opaque.AttributeType);

        var exported = ModelProto.Parser.ParseFrom(OnnxExporter.ToBytes(graph));
        var exportedNode = Assert.Single(exported.Graph.Node);
        Assert.Equal("com.example", exportedNode.Domain);
        Assert.Equal(graphAttribute, exportedNode.Attribute.Single(a => a.Name == "body"));
        Assert.Contains(exported.OpsetImport, o => o.Domain == "com.example" && o.Version == 3);
        Assert.Equal(imported, Assert.Single(OnnxImporter.Load(exported.ToByteArray(), "again.onnx", null).Nodes));
    }

    [Fact]
    public void ExportImportsACustomDomainTheGraphForgotToImport()
    {
        var graph = new Graph
        {
            Inputs = [new ValueInfo("x", ElementType.Float, new TensorShape(1, 4))],
            Outputs = [new ValueInfo("y", ElementType.Float, null)],
            Nodes = [new Node("n", "MyOp", ["x"], ["y"], domain: "org.mine")],
            Opsets = [new OpsetImport("", 17)],
        };
        var exported = ModelProto.Parser.ParseFrom(OnnxExporter.ToBytes(graph));
        Assert.Equal(["", "org.mine"], exported.OpsetImport.Select(o => o.Domain));
    }

    [Fact]
    public void ValueInfoShapesKeepKnownSymbolicAndUnknownDims()
    {
        var model = Model(Graph([Node("Relu", ["x"], ["y"])], ["y"]));
        var shape = model.Graph.Input[0].Type.TensorType.Shape;
        shape.Dim.Clear();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 3 });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension());
        model.Graph.ValueInfo.Add(Value("y", null));

        var graph = OnnxProtos.Import(model);
        Assert.Equal(new TensorShape([Dim.Sym("N"), 3, Dim.Unknown]), graph.Inputs[0].Shape);
        Assert.Null(graph.Outputs[0].Shape);
        Assert.Null(graph.ValueInfos["y"].Shape);

        var again = OnnxImporter.Load(OnnxExporter.ToBytes(graph), "again.onnx", null);
        Assert.Equal(graph.Inputs[0], again.Inputs[0]);
        Assert.Equal(graph.ValueInfos, again.ValueInfos);
    }

    [Fact]
    public void InputsThatAreInitializersAreConstants()
    {
        var model = Model(Graph([Node("Add", ["x", "w"], ["y"])], ["y"], null, FloatTensor("w", [1, 4], 1, 2, 3, 4)), opset: 8, irVersion: 3);
        model.Graph.Input.Add(Value("w", [1, 4]));

        var graph = OnnxProtos.Import(model);
        Assert.Equal(["x"], graph.Inputs.Select(i => i.Name));
        Assert.True(graph.Initializers.ContainsKey("w"));
        // IR 3 requires initializers among the inputs; Lighten keeps them apart, so the export moves to IR 4.
        Assert.Equal(4, ModelProto.Parser.ParseFrom(OnnxExporter.ToBytes(graph)).IrVersion);
    }

    [Fact]
    public void ImportSharesTheInitializerBytesOfTheModel()
    {
        var bytes = File.ReadAllBytes(OrtRunner.TestModel("tiny_pose_resnet_64.onnx"));
        var graph = OnnxImporter.Load(bytes, "pose.onnx", null);
        var weights = graph.Initializers.Values.MaxBy(t => t.ByteCount)!;
        // raw_data is wrapped, not copied, by the exporter as well.
        var proto = ModelProto.Parser.ParseFrom(OnnxExporter.ToBytes(graph));
        var exported = proto.Graph.Initializer.Single(t => t.RawData.Length == weights.ByteCount);
        Assert.True(weights.Raw.Span.SequenceEqual(exported.RawData.Span));
    }
}
