using Google.Protobuf;
using Lighten.Core;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;

namespace Lighten.Core.Tests.Ops;

/// <summary>Runs a small Lighten graph (fully known input shapes) in ONNX Runtime and reports the output shapes it produces.</summary>
internal static class OrtShapes
{
    public static IReadOnlyDictionary<string, string> Run(Lighten.Core.Graph g, IReadOnlyDictionary<string, ElementType> outputTypes)
    {
        var model = new ModelProto { IrVersion = 8, Graph = ToProto(g, outputTypes) };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = g.OpsetVersion() });
        using var session = new InferenceSession(model.ToByteArray());
        var feeds = g.Inputs.Select(i => NamedOnnxValue.CreateFromTensor(i.Name,
            new DenseTensor<float>(new float[i.Shape!.ElementCount!.Value], [.. i.Shape.ToArray().Select(d => (int)d)]))).ToList();
        using var results = session.Run(feeds);
        return results.ToDictionary(r => r.Name, r => Format(r.Value switch
        {
            Tensor<float> t => t.Dimensions.ToArray(),
            Tensor<long> t => t.Dimensions.ToArray(),
            Tensor<bool> t => t.Dimensions.ToArray(),
            _ => throw new InvalidOperationException($"unexpected output {r.Value}"),
        }));
    }

    private static string Format(int[] dims) => dims.Length == 0 ? "scalar" : string.Join("x", dims);

    private static GraphProto ToProto(Lighten.Core.Graph g, IReadOnlyDictionary<string, ElementType> outputTypes)
    {
        var proto = new GraphProto { Name = "g" };
        foreach (var i in g.Inputs) proto.Input.Add(Value(i.Name, i.ElementType, i.Shape!.ToArray()));
        foreach (var o in g.Outputs) proto.Output.Add(Value(o.Name, outputTypes[o.Name], null));
        foreach (var (name, t) in g.Initializers)
        {
            var tensor = new TensorProto { Name = name, DataType = (int)t.ElementType, RawData = ByteString.CopyFrom(t.Raw.Span) };
            tensor.Dims.AddRange(t.Dims);
            proto.Initializer.Add(tensor);
        }
        foreach (var n in g.Nodes)
        {
            var node = new NodeProto { Name = n.Name, OpType = n.OpType, Domain = n.Domain };
            node.Input.AddRange(n.Inputs);
            node.Output.AddRange(n.Outputs);
            foreach (var (name, a) in n.Attributes) node.Attribute.Add(Attribute(name, a));
            proto.Node.Add(node);
        }
        return proto;
    }

    private static AttributeProto Attribute(string name, AttributeValue value)
    {
        var a = new AttributeProto { Name = name };
        switch (value)
        {
            case IntAttribute i: a.Type = AttributeProto.Types.AttributeType.Int; a.I = i.Value; break;
            case FloatAttribute f: a.Type = AttributeProto.Types.AttributeType.Float; a.F = f.Value; break;
            case StringAttribute s: a.Type = AttributeProto.Types.AttributeType.String; a.S = ByteString.CopyFromUtf8(s.Value); break;
            case IntsAttribute l: a.Type = AttributeProto.Types.AttributeType.Ints; a.Ints.AddRange(l.Values); break;
            default: throw new NotSupportedException(value.ToString());
        }
        return a;
    }

    private static ValueInfoProto Value(string name, ElementType type, long[]? dims)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)type };
        if (dims is not null)
        {
            tensor.Shape = new TensorShapeProto();
            foreach (var d in dims) tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }
}
