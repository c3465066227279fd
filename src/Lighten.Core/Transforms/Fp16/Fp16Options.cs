namespace Lighten.Core.Transforms.Fp16;

/// <summary>How <see cref="ConvertToFp16"/> converts a graph.</summary>
public sealed record Fp16Options
{
    /// <summary>Keep the model's inputs and outputs float32, with Casts at the boundary (default), rather than float16.</summary>
    public bool KeepIoFloat32 { get; init; } = true;

    /// <summary>Op types or node names to keep in FP32 besides the block list (<c>--keep-fp32</c>).</summary>
    public IReadOnlySet<string> KeepFp32 { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The target's verdict on one node: null when it runs the node in FP16, otherwise the reason it stays FP32 (an op the
    /// target's profile lacks in FP16). Null converts every node the block list and <see cref="KeepFp32"/> allow.
    /// </summary>
    public Func<Node, string?>? TargetVeto { get; init; }

    /// <summary>Whether to apply <see cref="Fp16BlockList"/> (default); off converts every float op not named in <see cref="KeepFp32"/>.</summary>
    public bool UseBlockList { get; init; } = true;
}
