using Lighten.Core;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Runtime;

/// <summary>
/// The ONNX Runtime session options Lighten measures with, stated explicitly so that a figure can be
/// reproduced: CPU execution provider, sequential execution, a fixed thread count.
/// </summary>
public sealed record SessionOptionsSpec
{
    /// <summary>Most threads accepted for either pool.</summary>
    public const int MaxThreads = 1024;

    /// <summary>Threads of the intra-op pool; null means one per physical core (<see cref="CpuTopology.PhysicalCores"/>).</summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>Threads of the inter-op pool (used only by parallel execution mode); 1 by default.</summary>
    public int InterOpThreads { get; init; } = 1;

    /// <summary>Graph optimizations ONNX Runtime applies when it loads the model; all by default.</summary>
    public GraphOptimizationLevel OptimizationLevel { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>Whether nodes run one after another (the default) or independent branches in parallel.</summary>
    public ExecutionMode ExecutionMode { get; init; } = ExecutionMode.ORT_SEQUENTIAL;

    /// <summary>
    /// Whether idle intra-op threads spin waiting for work (ONNX Runtime's default: lowest latency). Turning it off
    /// leaves the cores to other work between runs, such as decoding images during an evaluation.
    /// </summary>
    public bool AllowSpinning { get; init; } = true;

    /// <summary>The intra-op thread count actually used.</summary>
    public int Threads => IntraOpThreads ?? CpuTopology.PhysicalCores;

    /// <summary>Throws <see cref="OptionException"/> when a thread count is outside 1..<see cref="MaxThreads"/>.</summary>
    public void Validate()
    {
        if (IntraOpThreads is < 1 or > MaxThreads)
            throw new OptionException($"intra-op threads must be between 1 and {MaxThreads}, got {IntraOpThreads}");
        if (InterOpThreads is < 1 or > MaxThreads)
            throw new OptionException($"inter-op threads must be between 1 and {MaxThreads}, got {InterOpThreads}");
    }

    /// <summary>Builds the ONNX Runtime options; the caller disposes them.</summary>
    public SessionOptions ToSessionOptions()
    {
        Validate();
        var options = new SessionOptions
        {
            IntraOpNumThreads = Threads,
            InterOpNumThreads = InterOpThreads,
            GraphOptimizationLevel = OptimizationLevel,
            ExecutionMode = ExecutionMode,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        try
        {
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", AllowSpinning ? "1" : "0");
            options.AppendExecutionProvider_CPU(useArena: 1);
        }
        catch
        {
            options.Dispose();
            throw;
        }
        return options;
    }
}
