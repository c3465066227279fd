using System.Collections.Immutable;
using Onnx;

namespace Lighten.Core.Onnx;

/// <summary>
/// Converts an ONNX <c>GraphProto</c> into the parts of a <see cref="Graph"/>, checking the invariants
/// Lighten relies on: unique names, every value produced exactly once, every read value produced, no cycle.
/// </summary>
/// <remarks>
/// Node names are made unique deterministically, since exporters (PyTorch among them) may leave names
/// empty or repeat them: a node without a name is called <c>{OpType}_{index}</c> (its position in the
/// file); a repeated name, and a generated name that is already taken, gets the first free suffix
/// <c>_1</c>, <c>_2</c>, ... The first node that carries a name keeps it.
/// </remarks>
internal sealed class GraphReader(ImportContext context)
{
    private readonly Dictionary<string, TensorData> _initializers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _produced = new(StringComparer.Ordinal);
    private readonly List<ValueInfo> _inputs = [];
    private readonly List<Node> _nodes = [];

    public Graph Read(GraphProto proto, Graph template)
    {
        if (proto.SparseInitializer.Count > 0)
            throw context.Error($"the graph has sparse initializers ('{proto.SparseInitializer[0].Values?.Name}'), which Lighten does not read");
        ReadInitializers(proto);
        ReadInputs(proto);
        ReadNodes(proto);
        CheckReads();
        var outputs = ReadOutputs(proto);

        ImmutableArray<Node> ordered;
        try
        {
            ordered = TopologicalOrder.Sort(_nodes, _inputs.Select(i => i.Name).Concat(_initializers.Keys));
        }
        catch (GraphValidationException ex)
        {
            throw context.Error(ex.Message, ex.NodeName, ex.OpType, ex);
        }

        return template with
        {
            Name = proto.Name,
            DocString = proto.DocString,
            Inputs = [.. _inputs],
            Outputs = outputs,
            Nodes = ordered,
            Initializers = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, _initializers),
            ValueInfos = ReadValueInfos(proto),
        };
    }

    private void ReadInitializers(GraphProto proto)
    {
        foreach (var t in proto.Initializer)
        {
            if (t.Name.Length == 0) throw context.Error("an initializer has no name");
            var data = TensorReader.Read(context, t, TensorPlace.Initializer(t.Name), allowUnsupported: false)!;
            if (!_initializers.TryAdd(t.Name, data)) throw context.Error($"initializer '{t.Name}' is given twice");
            _produced.Add(t.Name);
        }
    }

    // Inputs that are also initializers (as IR versions before 4 required) are constants, not inputs.
    private void ReadInputs(GraphProto proto)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var i in proto.Input)
        {
            if (i.Name.Length == 0) throw context.Error("a graph input has no name");
            if (!seen.Add(i.Name)) throw context.Error($"graph input '{i.Name}' is listed twice");
            if (_initializers.ContainsKey(i.Name)) continue;
            _inputs.Add(ValueInfoConverter.Read(i));
            _produced.Add(i.Name);
        }
    }

    private void ReadNodes(GraphProto proto)
    {
        var names = UniqueNodeNames(proto.Node);
        for (int index = 0; index < proto.Node.Count; index++)
        {
            var n = proto.Node[index];
            var name = names[index];
            if (n.OpType.Length == 0) throw context.Error("the node has no op type", name);
            var attributes = AttributeReader.Read(context, n, name);
            foreach (var o in n.Output)
            {
                if (o.Length > 0 && !_produced.Add(o))
                    throw context.Error($"value '{o}' is produced twice (it is already a graph input, an initializer or another node's output)", name, n.OpType);
            }
            if (AsConstant(n, attributes) is { } constant) _initializers.Add(n.Output[0], constant);
            else _nodes.Add(new Node(name, n.OpType, n.Input, n.Output, attributes, n.Domain));
        }
    }

    /// <summary>The value of a Constant node that becomes an initializer; null when the node stays a node.</summary>
    private static TensorData? AsConstant(NodeProto n, List<KeyValuePair<string, AttributeValue>> attributes) =>
        n.OpType == "Constant" && n.Domain is ("" or "ai.onnx") && n.Output.Count == 1 && n.Output[0].Length > 0
            && n.Input.Count == 0 && attributes.Count == 1
            ? AttributeReader.ConstantValue(attributes[0].Key, attributes[0].Value)
            : null;

    private static string[] UniqueNodeNames(IReadOnlyList<NodeProto> nodes)
    {
        var given = new HashSet<string>(nodes.Select(n => n.Name).Where(n => n.Length > 0), StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var names = new string[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            var name = nodes[i].Name;
            if (name.Length == 0 || !used.Add(name))
            {
                var stem = name.Length == 0 ? $"{nodes[i].OpType}_{i}" : name;
                name = stem;
                for (int k = 1; used.Contains(name) || given.Contains(name); k++) name = $"{stem}_{k}";
                used.Add(name);
            }
            names[i] = name;
        }
        return names;
    }

    private void CheckReads()
    {
        foreach (var n in _nodes)
            foreach (var input in n.Inputs)
                if (input.Length > 0 && !_produced.Contains(input))
                    throw context.Error($"the node reads '{input}', which is not a graph input, an initializer or the output of any node", n.Name, n.OpType);
    }

    private ImmutableArray<ValueInfo> ReadOutputs(GraphProto proto)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var outputs = ImmutableArray.CreateBuilder<ValueInfo>(proto.Output.Count);
        foreach (var o in proto.Output)
        {
            if (o.Name.Length == 0) throw context.Error("a graph output has no name");
            if (!seen.Add(o.Name)) throw context.Error($"graph output '{o.Name}' is listed twice");
            if (!_produced.Contains(o.Name))
                throw context.Error($"graph output '{o.Name}' is not produced by any node, graph input or initializer");
            outputs.Add(ValueInfoConverter.Read(o));
        }
        return outputs.MoveToImmutable();
    }

    // The first entry for a name wins; entries for constants are dropped, as GraphBuilder.SetInitializer does.
    private ImmutableSortedDictionary<string, ValueInfo> ReadValueInfos(GraphProto proto)
    {
        var infos = ImmutableSortedDictionary.CreateBuilder<string, ValueInfo>(StringComparer.Ordinal);
        foreach (var v in proto.ValueInfo)
            if (v.Name.Length > 0 && !_initializers.ContainsKey(v.Name) && !infos.ContainsKey(v.Name))
                infos.Add(v.Name, ValueInfoConverter.Read(v));
        return infos.ToImmutable();
    }
}
