namespace Lighten.Core.Transforms.Opset;

/// <summary>
/// A graph that <see cref="UpgradeOpset"/> cannot bring to the target opset: a node whose op it does not know
/// how to convert, or a target or source opset outside the range it supports.
/// </summary>
public sealed class OpsetUpgradeException(string message, string? node = null, string? opType = null)
    : LightenException(message, null, node, opType);
