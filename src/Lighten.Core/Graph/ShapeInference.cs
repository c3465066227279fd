using System.Collections.Immutable;
using Lighten.Core.Ops;

namespace Lighten.Core;

/// <summary>
/// Infers the element type and shape of every value of a graph, node by node in topological order,
/// with the shape rules of the registered <see cref="OpFamily"/> classes. Symbolic dimensions (such as a
/// dynamic batch) are kept by name wherever an op passes them through.
/// </summary>
public static class ShapeInference
{
    /// <summary>
    /// Runs shape inference over <paramref name="graph"/>. Inferred shapes win over those declared in the file
    /// when they are more known; a declared known dimension that contradicts an inferred one, or an input that
    /// an op's rule rejects, throws <see cref="ShapeInferenceException"/> naming the node. Nodes of unknown ops
    /// keep the file's declarations for their outputs and are listed in <see cref="ShapeInferenceResult.UnknownOps"/>.
    /// </summary>
    public static ShapeInferenceResult Run(Graph graph)
    {
        var run = new Walk(graph);
        foreach (var node in graph.Nodes) run.Visit(node);
        return run.Result();
    }

    private sealed class Walk
    {
        private readonly Graph _graph;
        private readonly Dictionary<string, ValueInfo> _values = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TensorData> _constants;
        private readonly Dictionary<string, ImmutableArray<Dim>> _shapeValues = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ValueInfo> _inferred = new(StringComparer.Ordinal);
        private readonly ImmutableArray<Node>.Builder _unknown = ImmutableArray.CreateBuilder<Node>();

        public Walk(Graph graph)
        {
            _graph = graph;
            _constants = new Dictionary<string, TensorData>(graph.Initializers, StringComparer.Ordinal);
            foreach (var input in graph.Inputs) _values[input.Name] = input;
            foreach (var (name, t) in graph.Initializers) _values[name] = new ValueInfo(name, t.ElementType, t.Shape);
        }

        public void Visit(Node node)
        {
            var family = OpRegistry.Find(node);
            var ctx = new ShapeContext(node, _graph.OpsetVersion(node.Domain),
                [.. node.Inputs.Select(ValueOf)], [.. node.Inputs.Select(ConstantOf)], [.. node.Inputs.Select(ShapeValueOf)]);
            if (family is null) _unknown.Add(node);
            else Infer(family, ctx);

            var constant = ConstantNodes.ValueOf(node);
            for (int i = 0; i < node.Outputs.Length; i++)
            {
                var name = node.Outputs[i];
                if (name.Length == 0) continue;
                var inferred = ctx.Outputs[i];
                if (i == 0 && constant is not null)
                {
                    _constants[name] = constant;
                    inferred ??= new ValueInfo(name, constant.ElementType, constant.Shape);
                }
                var merged = ShapeMerge.Merge(Declared(name), inferred, node);
                if (merged is null) continue;
                _values[name] = merged;
                if (inferred is not null) _inferred[name] = merged;
                if (ctx.OutputShapeValues[i] is { } sv) _shapeValues[name] = sv;
            }
        }

        public ShapeInferenceResult Result()
        {
            var valueInfos = _graph.ValueInfos.SetItems(_inferred.Where(kv => !_graph.IsOutput(kv.Key) || _graph.ValueInfos.ContainsKey(kv.Key)));
            var outputs = _graph.Outputs.Select(o => _inferred.TryGetValue(o.Name, out var v) ? v : o);
            var graph = _graph with { ValueInfos = valueInfos, Outputs = [.. outputs] };
            return new ShapeInferenceResult(graph,
                ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, _shapeValues), _unknown.ToImmutable());
        }

        private static void Infer(OpFamily family, ShapeContext ctx)
        {
            try
            {
                family.InferShapes(ctx);
            }
            catch (Exception e) when (e is not LightenException)
            {
                throw new ShapeInferenceException($"the shape rule cannot handle this node: {e.Message}", ctx.Node.Name, ctx.Node.OpType);
            }
        }

        /// <summary>What the file says of a value: its value_info, else its graph output entry.</summary>
        private ValueInfo? Declared(string name) =>
            _graph.ValueInfos.GetValueOrDefault(name) ?? _graph.Outputs.FirstOrDefault(o => o.Name == name);

        private ValueInfo? ValueOf(string name) =>
            name.Length == 0 ? null : _values.GetValueOrDefault(name) ?? Declared(name);

        private ImmutableArray<Dim>? ShapeValueOf(string name) =>
            name.Length > 0 && _shapeValues.TryGetValue(name, out var v) ? v : null;

        /// <summary>An initializer, a Constant node's value, or an integer vector whose propagated elements are all known.</summary>
        private TensorData? ConstantOf(string name)
        {
            if (name.Length == 0) return null;
            if (_constants.TryGetValue(name, out var t)) return t;
            if (!_shapeValues.TryGetValue(name, out var sv) || !sv.All(d => d.IsKnown)) return null;
            var info = _values.GetValueOrDefault(name);
            if (info?.Shape is { Rank: > 1 } || info?.ElementType is not (null or ElementType.Undefined or ElementType.Int64 or ElementType.Int32)) return null;
            long[] dims = info?.Shape is { Rank: 0 } ? [] : [sv.Length];
            long[] elements = [.. sv.Select(d => d.Value!.Value)];
            if (dims.Length == 0 && elements.Length != 1) return null;
            var tensor = info?.ElementType == ElementType.Int32
                ? TensorData.FromInt32s(dims, [.. elements.Select(e => (int)e)])
                : TensorData.FromInt64s(dims, elements);
            return _constants[name] = tensor;
        }
    }
}
