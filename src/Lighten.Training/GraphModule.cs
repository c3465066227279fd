using System.Collections.Immutable;
using Lighten.Core;
using Lighten.Training.Forwards;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lighten.Training;

/// <summary>
/// A TorchSharp module that runs a Lighten <see cref="Core.Graph"/> node by node, each op by its registered
/// forward, so that any supported graph can be trained. Float initializers that an op reads as a weight
/// (Conv and Gemm weights and biases, BatchNormalization scale and bias, ...) become parameters named after
/// them; every other initializer (BatchNormalization running statistics, shapes, scalars) is a buffer.
/// Run <c>FoldConstants</c> on a graph with a fixed input shape first to remove shape computations;
/// those left (a symbolic batch) are computed at run time. <see cref="ToGraph"/> writes the trained values
/// back. Call it inside <c>torch.NewDisposeScope()</c>: intermediate values are freed as soon as no later
/// node reads them, the outputs belong to the caller's scope.
/// </summary>
public sealed class GraphModule : nn.Module<Tensor, Tensor>
{
    private readonly Step[] _steps;
    private readonly int _slotCount;
    private readonly (string Name, int Slot)[] _inputs;
    private readonly (string Name, int Slot)[] _outputs;
    private readonly bool[] _producedByNode;
    private readonly bool[] _isActivationOrWeight;
    private readonly (string Initializer, string ModuleName, bool IsParameter, int Slot)[] _constants;
    private readonly Dictionary<string, string> _moduleNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _weights = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _masks = new(StringComparer.Ordinal);
    private readonly ModuleNames _names = new();

    /// <summary>
    /// Builds the module. Throws <see cref="GraphModuleException"/> naming the first node whose op has no
    /// forward or whose attributes its forward does not support, and <see cref="GraphValidationException"/>
    /// for a graph that is not well formed.
    /// </summary>
    public GraphModule(Graph graph, string name = "GraphModule") : base(PrepareNativeEngine(name))
    {
        GraphValidator.CheckStructure(graph);
        Graph = graph;
        var forwards = graph.Nodes.Select(n => Resolve(graph, n)).ToArray();

        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        int SlotOf(string value) => slots.TryGetValue(value, out var s) ? s : slots[value] = slots.Count;
        _inputs = [.. graph.Inputs.Select(i => (i.Name, SlotOf(i.Name)))];

        foreach (var (node, forward) in graph.Nodes.Zip(forwards))
            for (int i = 0; i < node.Inputs.Length; i++)
                if (graph.Initializers.TryGetValue(node.Inputs[i], out var value) && value.ElementType.IsFloat()
                    && forward.IsWeight(node, i, value))
                    _weights.Add(node.Inputs[i]);
        var read = graph.Nodes.SelectMany(n => n.Inputs).Concat(graph.Outputs.Select(o => o.Name)).ToHashSet(StringComparer.Ordinal);
        _constants = [.. graph.Initializers.Where(kv => read.Contains(kv.Key)).Select(kv => Register(kv.Key, kv.Value, SlotOf(kv.Key)))];

        var steps = new List<Step>();
        for (int k = 0; k < graph.Nodes.Length; k++)
        {
            var node = graph.Nodes[k];
            steps.Add(new Step(node, forwards[k], graph.OpsetVersion(node.Domain),
                [.. node.Inputs.Select(v => v.Length == 0 ? -1 : SlotOf(v))],
                [.. node.Outputs.Select(v => v.Length == 0 ? -1 : SlotOf(v))]));
        }
        _outputs = [.. graph.Outputs.Select(o => (o.Name, SlotOf(o.Name)))];
        _slotCount = slots.Count;
        _producedByNode = new bool[_slotCount];
        foreach (var s in steps.SelectMany(s => s.Outputs).Where(s => s >= 0)) _producedByNode[s] = true;
        _isActivationOrWeight = (bool[])_producedByNode.Clone();
        foreach (var (_, slot) in _inputs) _isActivationOrWeight[slot] = true;
        foreach (var c in _constants.Where(c => c.IsParameter)) _isActivationOrWeight[c.Slot] = true;
        _steps = [.. WithReleases(steps)];
    }

    /// <summary>The graph the module runs, with the initializers it was built from.</summary>
    public Graph Graph { get; }

    /// <summary>Every op type a GraphModule can run, sorted.</summary>
    public static IEnumerable<string> SupportedOps => OpForwards.Names;

    /// <summary>The TorchSharp parameter or buffer name of each initializer the graph reads ('.' and other characters mapped to '_').</summary>
    public IReadOnlyDictionary<string, string> ModuleNames => _moduleNames;

    /// <summary>The initializers that are trainable parameters.</summary>
    public IReadOnlySet<string> Weights => _weights;

    /// <summary>
    /// The arithmetic of <see cref="forward"/> and <see cref="Run"/>: with <see cref="Training.MixedPrecision.Bf16"/>, the float
    /// inputs of each node (activations and the float32 parameters) are cast to bfloat16 before its forward, except for the ops
    /// of <see cref="MixedPrecisionCasts.Fp32Ops"/> (BatchNormalization included), which get float32; the graph outputs are
    /// cast back to float32. Parameters and buffers stay float32 and receive float32 gradients through the casts.
    /// </summary>
    /// <exception cref="Native.NativeEngineException">BF16 is asked for on a machine whose probe found BF16 gradients wrong.</exception>
    public MixedPrecision MixedPrecision
    {
        get;
        set
        {
            if (value == MixedPrecision.Bf16) Native.NativeEngine.EnsureBf16();
            field = value;
        }
    }

    /// <summary>
    /// The weight of the new batch (libtorch's momentum) every BatchNormalization gives its running statistics in training
    /// mode, in place of the node's own; null (the default) keeps each node's. The trainer sets it to 1/k for the k-th batch
    /// when it re-estimates the statistics as a plain average (see <c>RunningStatistics</c>).
    /// </summary>
    public double? BatchNormMomentum { get; set; }

    // Before the base constructor, the first place a GraphModule touches libtorch.
    private static string PrepareNativeEngine(string name)
    {
        Native.NativeEngine.Prepare();
        return name;
    }

    /// <summary>The weights that carry a mask (see <see cref="SetMask"/>).</summary>
    public IReadOnlyCollection<string> MaskedWeights => _masks.Keys;

    /// <summary>
    /// Runs the graph on its single input and returns its first output. Throws
    /// <see cref="GraphModuleException"/> for a graph with several inputs (use <see cref="Run"/>).
    /// </summary>
    public override Tensor forward(Tensor input)
    {
        if (_inputs.Length != 1)
            throw new GraphModuleException($"the graph has {_inputs.Length} inputs; give one tensor for each with Run");
        var outputs = Run(new Dictionary<string, Tensor>(StringComparer.Ordinal) { [_inputs[0].Name] = input });
        var first = outputs[Graph.Outputs[0].Name];
        foreach (var other in outputs.Values) if (!ReferenceEquals(other, first)) other.Dispose();
        return first;
    }

    /// <summary>
    /// Runs the graph on one tensor per graph input and returns every graph output by name. A node's
    /// native error is rethrown as <see cref="GraphModuleException"/> naming the node.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs)
    {
        var slots = new Tensor?[_slotCount];
        foreach (var (name, slot) in _inputs)
            slots[slot] = inputs.TryGetValue(name, out var t) ? t : throw new GraphModuleException($"no tensor was given for graph input '{name}'");
        foreach (var c in _constants) slots[c.Slot] = c.IsParameter ? Param(c.ModuleName) : Buffer(c.ModuleName);
        bool isTraining = training;
        var compute = MixedPrecisionCasts.ComputeType(MixedPrecision);
        foreach (var step in _steps) Execute(step, slots, isTraining, compute);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, slot) in _outputs)
        {
            var value = _producedByNode[slot] ? slots[slot]! : slots[slot]!.alias();
            if (compute is not null && value.dtype == compute)
            {
                var widened = value.to_type(ScalarType.Float32);
                value.Dispose();
                value = widened;
            }
            result[name] = value;
        }
        return result;
    }

    /// <summary>The live parameter or buffer of an initializer the graph reads.</summary>
    public Tensor ValueOf(string initializer) =>
        _moduleNames.TryGetValue(initializer, out var name)
            ? _weights.Contains(initializer) ? Param(name) : Buffer(name)
            : throw new GraphModuleException($"the graph reads no initializer named '{initializer}'");

    /// <summary>
    /// Fixes the zeros of a weight (for pruning): the weight is multiplied by the mask (non-zero entries count
    /// as 1) now and by every <see cref="ApplyMasks"/>, which the training loop calls after each optimizer
    /// step. The mask is a buffer, saved with the module's state. Setting a mask again replaces it.
    /// </summary>
    public void SetMask(string weight, Tensor mask)
    {
        if (!_weights.Contains(weight)) throw new GraphModuleException($"'{weight}' is not a trainable weight of the graph");
        var parameter = Param(_moduleNames[weight]);
        if (!mask.shape.SequenceEqual(parameter.shape))
            throw new GraphModuleException($"the mask of '{weight}' has shape [{string.Join(",", mask.shape)}], the weight [{string.Join(",", parameter.shape)}]");
        using var noGrad = no_grad();
        var binary = mask.ne(0).to_type(parameter.dtype).to(parameter.device).DetachFromDisposeScope();
        if (_masks.TryGetValue(weight, out var name))
        {
            Buffer(name).copy_(binary);
            binary.Dispose();
        }
        else
        {
            name = _names.Make("mask_" + _moduleNames[weight]);
            register_buffer(name, binary);
            _masks[weight] = name;
        }
        parameter.mul_(Buffer(name));
    }

    /// <summary>Multiplies every masked weight by its mask again (call after each optimizer step).</summary>
    public void ApplyMasks()
    {
        using var noGrad = no_grad();
        foreach (var (weight, mask) in _masks) Param(_moduleNames[weight]).mul_(Buffer(mask));
    }

    /// <summary>A new graph like <see cref="Graph"/> whose float initializers hold the module's current parameters and buffers (BatchNormalization running statistics included).</summary>
    public Graph ToGraph()
    {
        var updated = new List<KeyValuePair<string, TensorData>>();
        foreach (var c in _constants)
        {
            var original = Graph.Initializers[c.Initializer];
            if (!original.ElementType.IsFloat()) continue;
            var data = TorchTensors.ToTensorData(c.IsParameter ? Param(c.ModuleName) : Buffer(c.ModuleName));
            updated.Add(KeyValuePair.Create(c.Initializer, data.ElementType == original.ElementType ? data : data.CastTo(original.ElementType)));
        }
        return Graph with { Initializers = Graph.Initializers.SetItems(updated) };
    }

    private Parameter Param(string name) => get_parameter(name) ?? throw new InvalidOperationException($"parameter '{name}' is not registered");

    private Tensor Buffer(string name) => get_buffer(name) ?? throw new InvalidOperationException($"buffer '{name}' is not registered");

    private static OpForward Resolve(Graph graph, Node node)
    {
        var forward = OpForwards.Find(node.Domain, node.OpType);
        if (forward is null)
        {
            var missing = graph.Nodes.Where(n => OpForwards.Find(n.Domain, n.OpType) is null).Select(n => n.OpType).Distinct();
            throw new GraphModuleException(
                $"op {node.OpType} has no TorchSharp forward, so the graph cannot be trained (ops without one: {string.Join(", ", missing)})",
                node.Name, node.OpType);
        }
        forward.Check(node, graph.OpsetVersion(node.Domain));
        return forward;
    }

    private (string, string, bool, int) Register(string initializer, TensorData value, int slot)
    {
        var name = _names.Make(initializer);
        _moduleNames[initializer] = name;
        var tensor = TorchTensors.ToTensor(value).DetachFromDisposeScope();
        bool isParameter = _weights.Contains(initializer);
        if (isParameter) register_parameter(name, new Parameter(tensor, requires_grad: true));
        else register_buffer(name, tensor);
        return (initializer, name, isParameter, slot);
    }

    /// <summary>Adds to each step the node outputs to free after it: those no later node reads and that are not graph outputs.</summary>
    private IEnumerable<Step> WithReleases(List<Step> steps)
    {
        var lastUse = new int[_slotCount];
        for (int k = 0; k < steps.Count; k++)
        {
            foreach (var s in steps[k].Outputs) if (s >= 0) lastUse[s] = k;
            foreach (var s in steps[k].Inputs) if (s >= 0) lastUse[s] = k;
        }
        var kept = _outputs.Select(o => o.Slot).ToHashSet();
        for (int k = 0; k < steps.Count; k++)
        {
            int step = k;
            var release = steps[k].Inputs.Concat(steps[k].Outputs)
                .Where(s => s >= 0 && _producedByNode[s] && lastUse[s] == step && !kept.Contains(s)).Distinct();
            yield return steps[k] with { Release = [.. release] };
        }
    }

    private void Execute(Step step, Tensor?[] slots, bool training, ScalarType? compute)
    {
        var inputs = new Tensor?[step.Inputs.Length];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = step.Inputs[i] < 0 ? null : slots[step.Inputs[i]];
        using (var scope = NewDisposeScope())
        {
            var original = inputs;
            if (compute is ScalarType half) inputs = Cast(step, inputs, half);
            Tensor?[] outputs;
            try
            {
                outputs = step.Forward.Forward(new ForwardContext(step.Node, step.Opset, inputs, training) { BatchNormMomentum = BatchNormMomentum });
            }
            catch (Exception e) when (e is not LightenException)
            {
                throw new GraphModuleException($"the forward failed: {e.Message}", step.Node.Name, step.Node.OpType, e);
            }
            for (int o = 0; o < step.Outputs.Length; o++)
            {
                if (step.Outputs[o] < 0) continue;
                var t = (o < outputs.Length ? outputs[o] : null)
                    ?? throw new GraphModuleException($"the forward gave no value for output '{step.Node.Outputs[o]}'", step.Node.Name, step.Node.OpType);
                if (inputs.Any(i => ReferenceEquals(i, t)) || original.Any(i => ReferenceEquals(i, t))) t = t.alias();
                slots[step.Outputs[o]] = t.MoveToOuterDisposeScope();
            }
        }
        foreach (var s in step.Release)
        {
            slots[s]?.Dispose();
            slots[s] = null;
        }
    }

    /// <summary>
    /// The inputs of a mixed-precision step: float activations and parameters in <paramref name="half"/>, or in float32 for the
    /// ops that need it. Other constants (running statistics, Resize scales, shapes) are left as they are: the op's own rules
    /// (or type promotion) handle them. The casts are differentiable, so gradients reach the float32 parameters.
    /// </summary>
    private Tensor?[] Cast(Step step, Tensor?[] inputs, ScalarType half)
    {
        var type = step.Fp32InMixedPrecision ? ScalarType.Float32 : half;
        var cast = new Tensor?[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            var t = inputs[i];
            bool data = t is not null && MixedPrecisionCasts.IsFloating(t) && t.dtype != type
                && _isActivationOrWeight[step.Inputs[i]];
            cast[i] = data ? t!.to_type(type) : t;
        }
        return cast;
    }

    private sealed record Step(Node Node, OpForward Forward, long Opset, int[] Inputs, int[] Outputs)
    {
        public int[] Release { get; init; } = [];

        /// <summary>Whether a mixed-precision forward computes this node in float32 (decided once: the native engine is fixed by then).</summary>
        public bool Fp32InMixedPrecision { get; } = MixedPrecisionCasts.ComputesInFp32(Node);
    }
}
