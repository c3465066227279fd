using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Lighten.Training.Trainer;

/// <summary>A batch decoded in managed memory: <see cref="Count"/> input rows and target rows, and the sample index of each.</summary>
internal sealed class HostBatch(int capacity, int inputLength, int targetLength)
{
    public float[] Inputs { get; } = new float[capacity * inputLength];

    public float[] Targets { get; } = new float[capacity * targetLength];

    public int[] Indices { get; } = new int[capacity];

    public int Count { get; set; }

    public int TargetLength => targetLength;

    public Span<float> Input(int i) => Inputs.AsSpan(i * inputLength, inputLength);

    public Span<float> Target(int i) => Targets.AsSpan(i * targetLength, targetLength);

    /// <summary>The inputs as a new tensor [Count, ..<paramref name="sampleShape"/>].</summary>
    public Tensor InputTensor(long[] sampleShape) => Copy(Inputs, inputLength, sampleShape);

    /// <summary>The targets as a new tensor [Count, TargetLength].</summary>
    public Tensor TargetTensor() => Copy(Targets, targetLength, [targetLength]);

    private Tensor Copy(float[] source, int length, long[] sampleShape)
    {
        var result = empty([Count, .. sampleShape], ScalarType.Float32);
        MemoryMarshal.AsBytes(source.AsSpan(0, Count * length)).CopyTo(result.bytes);
        return result;
    }
}
