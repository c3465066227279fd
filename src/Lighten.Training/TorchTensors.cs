using Lighten.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Lighten.Training;

/// <summary>Converts between Lighten's <see cref="TensorData"/> and TorchSharp tensors, and between their element types.</summary>
public static class TorchTensors
{
    /// <summary>The TorchSharp type of an ONNX element type; throws <see cref="GraphModuleException"/> for types libtorch lacks.</summary>
    public static ScalarType ScalarTypeOf(ElementType type) => type switch
    {
        ElementType.Float => ScalarType.Float32,
        ElementType.Double => ScalarType.Float64,
        ElementType.Float16 => ScalarType.Float16,
        ElementType.BFloat16 => ScalarType.BFloat16,
        ElementType.Int64 => ScalarType.Int64,
        ElementType.Int32 => ScalarType.Int32,
        ElementType.Int16 => ScalarType.Int16,
        ElementType.Int8 => ScalarType.Int8,
        ElementType.UInt8 => ScalarType.Byte,
        ElementType.Bool => ScalarType.Bool,
        _ => throw new GraphModuleException($"element type {type} has no TorchSharp equivalent"),
    };

    /// <summary>The ONNX element type of a TorchSharp type.</summary>
    public static ElementType ElementTypeOf(ScalarType type) => type switch
    {
        ScalarType.Float32 => ElementType.Float,
        ScalarType.Float64 => ElementType.Double,
        ScalarType.Float16 => ElementType.Float16,
        ScalarType.BFloat16 => ElementType.BFloat16,
        ScalarType.Int64 => ElementType.Int64,
        ScalarType.Int32 => ElementType.Int32,
        ScalarType.Int16 => ElementType.Int16,
        ScalarType.Int8 => ElementType.Int8,
        ScalarType.Byte => ElementType.UInt8,
        ScalarType.Bool => ElementType.Bool,
        _ => throw new GraphModuleException($"TorchSharp type {type} has no ONNX element type here"),
    };

    /// <summary>A new CPU tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor ToTensor(TensorData data)
    {
        var type = ScalarTypeOf(data.ElementType);
        var dims = data.Dims.ToArray();
        // Bytes are copied into a fresh tensor of the right type and shape, whatever the element type.
        var result = empty(dims, type);
        if (data.ByteCount > 0) data.Raw.Span.CopyTo(result.bytes);
        return result;
    }

    /// <summary>The elements of <paramref name="tensor"/> as a <see cref="TensorData"/> of its own element type.</summary>
    public static TensorData ToTensorData(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var cpu = tensor.detach().cpu().contiguous();
        var raw = cpu.bytes.ToArray();
        return new TensorData(ElementTypeOf(cpu.dtype), cpu.shape, raw);
    }

    /// <summary>The elements of an integer tensor (such as a shape or axes input) as 64-bit integers.</summary>
    public static long[] ToLongs(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().cpu().to_type(ScalarType.Int64).contiguous().data<long>().ToArray();
    }

    /// <summary>The elements of a numeric tensor as doubles.</summary>
    public static double[] ToDoubles(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
    }

    /// <summary>A 1-D int64 tensor of <paramref name="values"/> on <paramref name="device"/>.</summary>
    public static Tensor LongTensor(ReadOnlySpan<long> values, Device? device = null) =>
        tensor(values.ToArray(), [values.Length], ScalarType.Int64, device);
}
