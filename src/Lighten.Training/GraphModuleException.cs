using Lighten.Core;

namespace Lighten.Training;

/// <summary>
/// A graph that <see cref="GraphModule"/> cannot run: an op without a TorchSharp forward, an attribute
/// combination it does not support, or a failure inside a node's forward (the native error is the inner
/// exception). It names the node and its op.
/// </summary>
public sealed class GraphModuleException(string message, string? node = null, string? opType = null, Exception? inner = null)
    : LightenException(message, null, node, opType, inner);
