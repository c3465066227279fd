using Lighten.Core;

namespace Lighten.Pipeline.Stages;

/// <summary>
/// The baseline stage failed (the model cannot be read, trained or measured): a later step has nothing to start from or
/// be judged against, so the run stops. Bad input when the error was the user's (an unreadable model, one ONNX Runtime
/// refuses), else an internal error.
/// </summary>
public sealed class BaselineException(Exception inner)
    : LightenException("the baseline failed, so there is nothing to continue from: " + StageFailure.Describe(inner, "baseline"), inner: inner)
{
    /// <inheritdoc/>
    public override bool IsBadInput => InnerException is LightenException { IsBadInput: true };
}
