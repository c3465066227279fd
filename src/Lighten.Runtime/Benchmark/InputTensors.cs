using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Lighten.Core;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Lighten.Runtime;

/// <summary>
/// Input values allocated once and reused for every run: a symbolic or unknown batch (leading dimension) becomes the
/// batch size, other free dimensions must be given; floating-point inputs hold seeded uniform noise in [-1, 1), other inputs zeros.
/// </summary>
public sealed class InputTensors : IDisposable
{
    private readonly OrtValue[] values;

    private InputTensors(string[] names, long[][] shapes, OrtValue[] values, Dictionary<string, long> symbols)
    {
        Names = names;
        Shapes = shapes;
        this.values = values;
        Symbols = symbols;
    }

    /// <summary>Input names, in the model's order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The concrete shape chosen for each input.</summary>
    public IReadOnlyList<long[]> Shapes { get; }

    /// <summary>The values, in the model's order.</summary>
    public IReadOnlyList<OrtValue> Values => values;

    /// <summary>The size each named symbolic dimension was given.</summary>
    public IReadOnlyDictionary<string, long> Symbols { get; }

    /// <summary>
    /// Allocates and fills values for <paramref name="inputs"/> (of the model in <paramref name="file"/>, named in errors):
    /// a symbolic batch is <paramref name="batch"/>, the dimensions in <paramref name="inputShapes"/> (<c>--input-shape</c>)
    /// are fixed, and any other free dimension is refused (<see cref="InputShapes.RequireFixed"/>) rather than taken as 1.
    /// </summary>
    public static InputTensors Create(IReadOnlyList<ValueInfo> inputs, string file, int batch = 1, int seed = 0, IReadOnlyDictionary<string, long[]>? inputShapes = null)
    {
        if (batch < 1) throw new OptionException($"batch size must be at least 1, got {batch}");
        foreach (var input in inputs)
            if (input.Shape is null || input.ElementType is ElementType.Undefined or ElementType.String)
                throw new SessionException($"input '{input.Name}' ({input.ElementType} {input.Shape?.ToString() ?? "?"}) is not a numeric tensor of known rank", file);
        var given = new Graph { Inputs = [.. inputs] };
        ImmutableArray<ValueInfo> fixedInputs;
        try
        {
            fixedInputs = InputShapes.RequireFixed(InputShapes.Apply(given, inputShapes ?? new Dictionary<string, long[]>()), "making inputs for ONNX Runtime", batch).Inputs;
        }
        catch (OptionException e)
        {
            throw e.WithFile(file);
        }
        var symbols = new Dictionary<string, long>(StringComparer.Ordinal);
        var shapes = new long[inputs.Count][];
        for (int i = 0; i < inputs.Count; i++)
        {
            shapes[i] = [.. fixedInputs[i].Shape!.Dims.Select(d => d.Value!.Value)];
            for (int d = 0; d < shapes[i].Length; d++)
                if (inputs[i].Shape![d].Symbol is { } symbol) symbols.TryAdd(symbol, shapes[i][d]);
        }

        var random = new Random(seed);
        var values = new List<OrtValue>();
        try
        {
            for (int i = 0; i < inputs.Count; i++)
            {
                var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, (TensorElementType)(int)inputs[i].ElementType, shapes[i]);
                values.Add(value);
                Fill(value.GetTensorMutableRawData(), inputs[i].ElementType, random);
            }
        }
        catch
        {
            foreach (var v in values) v.Dispose();
            throw;
        }
        return new InputTensors([.. inputs.Select(x => x.Name)], shapes, [.. values], symbols);
    }

    /// <summary>The shape of <paramref name="value"/> with this set's symbol sizes, or null when a dimension stays unknown.</summary>
    public long[]? Resolve(ValueInfo value)
    {
        if (value.Shape is null) return null;
        var dims = new long[value.Shape.Rank];
        for (int i = 0; i < dims.Length; i++)
        {
            var d = value.Shape.Dims[i];
            if (d.Value is long v) dims[i] = v;
            else if (d.Symbol is not null && Symbols.TryGetValue(d.Symbol, out var s)) dims[i] = s;
            else return null;
        }
        return dims;
    }

    private static void Fill(Span<byte> raw, ElementType type, Random random)
    {
        switch (type)
        {
            case ElementType.Float:
                foreach (ref var x in MemoryMarshal.Cast<byte, float>(raw)) x = Noise(random);
                break;
            case ElementType.Double:
                foreach (ref var x in MemoryMarshal.Cast<byte, double>(raw)) x = Noise(random);
                break;
            case ElementType.Float16:
                foreach (ref var x in MemoryMarshal.Cast<byte, Half>(raw)) x = (Half)Noise(random);
                break;
            case ElementType.BFloat16:
                foreach (ref var x in MemoryMarshal.Cast<byte, ushort>(raw)) x = (ushort)(BitConverter.SingleToUInt32Bits(Noise(random)) >> 16);
                break;
            default:
                raw.Clear();
                break;
        }
    }

    private static float Noise(Random random) => random.NextSingle() * 2 - 1;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var v in values) v.Dispose();
    }
}
