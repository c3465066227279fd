using Google.Protobuf;
using Onnx;
using AttributeType = Onnx.AttributeProto.Types.AttributeType;

namespace Lighten.Core.Onnx;

/// <summary>
/// Builds the ONNX <c>ModelProto</c> of a <see cref="Graph"/>. Everything is written in a fixed order
/// (nodes as in the graph, initializers, value infos, metadata and attributes by name), so the same
/// graph always gives the same bytes.
/// </summary>
internal static class ModelWriter
{
    /// <summary>
    /// The model of <paramref name="graph"/>. <paramref name="externalize"/>, when given, may return an
    /// external-data proto for an initializer (by name); otherwise initializers are written as <c>raw_data</c>.
    /// </summary>
    public static ModelProto Build(Graph graph, Func<string, TensorData, TensorProto?>? externalize = null)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion(graph),
            ProducerName = graph.Model.ProducerName,
            ProducerVersion = graph.Model.ProducerVersion,
            Domain = graph.Model.Domain,
            ModelVersion = graph.Model.ModelVersion,
            DocString = graph.Model.DocString,
            Graph = BuildGraph(graph, externalize),
        };
        model.OpsetImport.AddRange(Opsets(graph).Select(o => new OperatorSetIdProto { Domain = o.Domain, Version = o.Version }));
        model.MetadataProps.AddRange(graph.Metadata.Select(kv => new StringStringEntryProto { Key = kv.Key, Value = kv.Value }));
        return model;
    }

    /// <summary>The graph's IR version, raised to the lowest one its opset and its initializer layout need.</summary>
    private static long IrVersion(Graph graph)
    {
        long needed = IrVersions.MinimumFor(graph.OpsetVersion());
        // Lighten keeps initializers out of the graph inputs, which IR versions before 4 do not allow.
        if (graph.Initializers.Count > 0) needed = Math.Max(needed, IrVersions.InitializersApartFromInputs);
        return Math.Max(graph.Model.IrVersion, needed);
    }

    /// <summary>The graph's opsets, plus version 1 of any custom domain a node uses but the graph does not import.</summary>
    private static IEnumerable<OpsetImport> Opsets(Graph graph)
    {
        static string Normal(string domain) => domain == "ai.onnx" ? "" : domain;
        var imported = graph.Opsets.Select(o => Normal(o.Domain)).ToHashSet(StringComparer.Ordinal);
        var missing = graph.Nodes.Select(n => Normal(n.Domain)).Where(d => d.Length > 0 && !imported.Contains(d))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return graph.Opsets.Concat(missing.Select(d => new OpsetImport(d, 1)));
    }

    private static GraphProto BuildGraph(Graph graph, Func<string, TensorData, TensorProto?>? externalize)
    {
        var proto = new GraphProto { Name = graph.Name, DocString = graph.DocString };
        proto.Input.AddRange(graph.Inputs.Select(ValueInfoConverter.Write));
        proto.Output.AddRange(graph.Outputs.Select(ValueInfoConverter.Write));
        proto.ValueInfo.AddRange(graph.ValueInfos.Values.Select(ValueInfoConverter.Write));
        foreach (var (name, tensor) in graph.Initializers)
            proto.Initializer.Add(externalize?.Invoke(name, tensor) ?? Tensor(name, tensor));
        foreach (var node in graph.Nodes) proto.Node.Add(BuildNode(node));
        return proto;
    }

    /// <summary>A tensor proto holding the data as <c>raw_data</c>, sharing the tensor's memory.</summary>
    public static TensorProto Tensor(string name, TensorData tensor)
    {
        var proto = TensorHeader(name, tensor);
        // TensorData is immutable, so the proto can wrap its bytes instead of copying them.
        proto.RawData = UnsafeByteOperations.UnsafeWrap(tensor.Raw);
        return proto;
    }

    /// <summary>A tensor proto with the name, type and shape but no data.</summary>
    public static TensorProto TensorHeader(string name, TensorData tensor)
    {
        var proto = new TensorProto { Name = name, DataType = (int)tensor.ElementType };
        proto.Dims.AddRange(tensor.Dims);
        return proto;
    }

    private static NodeProto BuildNode(Node node)
    {
        var proto = new NodeProto { Name = node.Name, OpType = node.OpType, Domain = node.Domain };
        proto.Input.AddRange(node.Inputs);
        proto.Output.AddRange(node.Outputs);
        foreach (var (name, value) in node.Attributes) proto.Attribute.Add(Attribute(node, name, value));
        return proto;
    }

    private static AttributeProto Attribute(Node node, string name, AttributeValue value)
    {
        var a = new AttributeProto { Name = name };
        switch (value)
        {
            case IntAttribute i: a.Type = AttributeType.Int; a.I = i.Value; break;
            case FloatAttribute f: a.Type = AttributeType.Float; a.F = f.Value; break;
            case StringAttribute s: a.Type = AttributeType.String; a.S = ByteString.CopyFromUtf8(s.Value); break;
            case IntsAttribute l: a.Type = AttributeType.Ints; a.Ints.AddRange(l.Values); break;
            case FloatsAttribute l: a.Type = AttributeType.Floats; a.Floats.AddRange(l.Values); break;
            case StringsAttribute l: a.Type = AttributeType.Strings; a.Strings.AddRange(l.Values.Select(ByteString.CopyFromUtf8)); break;
            case TensorAttribute t: a.Type = AttributeType.Tensor; a.T = Tensor("", t.Value); break;
            case OpaqueAttribute o: a = Opaque(node, name, o); break;
            default: throw new GraphValidationException($"attribute '{name}' has a kind ONNX cannot hold ({value.GetType().Name})", node.Name, node.OpType);
        }
        return a;
    }

    private static AttributeProto Opaque(Node node, string name, OpaqueAttribute o)
    {
        AttributeProto a;
        try
        {
            a = AttributeProto.Parser.ParseFrom(o.SerializedProto.Span);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new GraphValidationException($"attribute '{name}' holds bytes that are not a serialized AttributeProto: {ex.Message}", node.Name, node.OpType);
        }
        a.Name = name;
        return a;
    }
}
