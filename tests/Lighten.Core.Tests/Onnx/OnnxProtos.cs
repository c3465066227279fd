using Google.Protobuf;
using Onnx;

namespace Lighten.Core.Tests.Onnx;

/// <summary>Builds small ONNX protos by hand for import tests.</summary>
internal static class OnnxProtos
{
    public static ModelProto Model(GraphProto graph, long opset = 13, long irVersion = 8)
    {
        var m = new ModelProto { IrVersion = irVersion, ProducerName = "test", Graph = graph };
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return m;
    }

    /// <summary>A graph with one float input "x" and the given output names.</summary>
    public static GraphProto Graph(IEnumerable<NodeProto> nodes, IEnumerable<string> outputs, long[]? inputDims = null, params TensorProto[] initializers)
    {
        var g = new GraphProto { Name = "g" };
        g.Input.Add(Value("x", inputDims ?? [1, 4]));
        g.Node.AddRange(nodes);
        g.Output.AddRange(outputs.Select(o => Value(o, null)));
        g.Initializer.AddRange(initializers);
        return g;
    }

    public static NodeProto Node(string opType, string[] inputs, string[] outputs, string name = "", string domain = "", params AttributeProto[] attributes)
    {
        var n = new NodeProto { OpType = opType, Name = name, Domain = domain };
        n.Input.AddRange(inputs);
        n.Output.AddRange(outputs);
        n.Attribute.AddRange(attributes);
        return n;
    }

    public static ValueInfoProto Value(string name, long[]? dims, int elemType = 1)
    {
        var t = new TypeProto.Types.Tensor { ElemType = elemType };
        if (dims is not null)
        {
            t.Shape = new TensorShapeProto();
            foreach (var d in dims) t.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = t } };
    }

    public static TensorProto FloatTensor(string name, long[] dims, params float[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        t.FloatData.AddRange(values);
        return t;
    }

    public static AttributeProto TensorAttribute(string name, TensorProto t) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = t };

    public static byte[] Bytes(this ModelProto model) => model.ToByteArray();

    /// <summary>Imports the proto; errors name "test.onnx".</summary>
    public static Graph Import(ModelProto model) => Lighten.Core.Onnx.OnnxImporter.Load(model.ToByteArray(), "test.onnx", null);
}
