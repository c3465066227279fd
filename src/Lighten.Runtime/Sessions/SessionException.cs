using Lighten.Core;

namespace Lighten.Runtime;

/// <summary>
/// ONNX Runtime refused a model or failed to run it. Names the model file and keeps ONNX Runtime's own
/// message (and its exception as <see cref="Exception.InnerException"/>).
/// </summary>
public sealed class SessionException(string message, string? file = null, Exception? inner = null)
    : LightenException(message, file, inner: inner);
