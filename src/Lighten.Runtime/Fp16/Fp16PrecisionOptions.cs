namespace Lighten.Runtime.Fp16;

/// <summary>How <see cref="Fp16Precision.Run"/> converts a model to FP16 and decides whether it ships.</summary>
public sealed record Fp16PrecisionOptions
{
    /// <summary>Op types or node names kept in FP32 besides the block list; each must name an op type or node of the model.</summary>
    public IReadOnlyCollection<string> KeepFp32 { get; init; } = [];

    /// <summary>Ship the FP16 model even when the target does not run it faster.</summary>
    public bool Force { get; init; }

    /// <summary>Whether to decide by speed at all; false ships the conversion without timing or estimating (only with <see cref="Force"/>).</summary>
    public bool Decide { get; init; } = true;

    /// <summary>Interleaved rounds of the host measurement.</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>Timed runs per model and round on the host.</summary>
    public int RunsPerRound { get; init; } = 10;

    /// <summary>ONNX Runtime settings of the host measurement.</summary>
    public SessionOptionsSpec Session { get; init; } = new();
}
