using Google.Protobuf;
using Onnx;

namespace Lighten.Cli.Tests;

/// <summary>Small malformed ONNX files written directly with the protobuf classes.</summary>
public static class BrokenModels
{
    private static ModelProto Model(GraphProto graph)
    {
        var model = new ModelProto { IrVersion = 8, Graph = graph, ProducerName = "test" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model;
    }

    private static ValueInfoProto Value(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    private static NodeProto Node(string name, string op, string[] inputs, string[] outputs)
    {
        var node = new NodeProto { Name = name, OpType = op };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }

    /// <summary>relu_b reads a value nothing defines.</summary>
    public static byte[] Dangling()
    {
        var graph = new GraphProto { Name = "dangling" };
        graph.Input.Add(Value("x", 1, 4));
        graph.Output.Add(Value("z", 1, 4));
        graph.Node.Add(Node("relu_a", "Relu", ["x"], ["y"]));
        graph.Node.Add(Node("relu_b", "Add", ["y", "nowhere"], ["z"]));
        return Model(graph).ToByteArray();
    }

    /// <summary>cycle_a and cycle_b read each other's outputs.</summary>
    public static byte[] Cycle()
    {
        var graph = new GraphProto { Name = "cycle" };
        graph.Input.Add(Value("x", 1, 4));
        graph.Output.Add(Value("b", 1, 4));
        graph.Node.Add(Node("cycle_a", "Add", ["x", "b"], ["a"]));
        graph.Node.Add(Node("cycle_b", "Relu", ["a"], ["b"]));
        return Model(graph).ToByteArray();
    }

    /// <summary>A Relu model whose one initializer claims to live in <paramref name="location"/>.</summary>
    public static byte[] ExternalData(string location)
    {
        var graph = new GraphProto { Name = "external" };
        graph.Input.Add(Value("x", 1, 4));
        graph.Output.Add(Value("y", 1, 4));
        var weight = new TensorProto { Name = "w", DataType = (int)TensorProto.Types.DataType.Float, DataLocation = TensorProto.Types.DataLocation.External };
        weight.Dims.AddRange([1, 4]);
        weight.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        weight.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = "0" });
        weight.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = "16" });
        graph.Initializer.Add(weight);
        graph.Node.Add(Node("add", "Add", ["x", "w"], ["y"]));
        return Model(graph).ToByteArray();
    }
}
