using Google.Protobuf;
using Lighten.Core.IO;
using Onnx;

namespace Lighten.Core.Onnx;

/// <summary>
/// Writes a <see cref="Graph"/> as an ONNX model that ONNX Runtime loads: initializers as little-endian
/// <c>raw_data</c>, shapes with symbolic dimensions as <c>dim_param</c>, opsets, metadata and model fields
/// as in the graph (the IR version raised when the opset needs a newer one). The same graph always gives
/// the same bytes.
/// </summary>
public static class OnnxExporter
{
    // Protobuf cannot serialize a message of 2 GB or more.
    private const long ProtobufLimit = int.MaxValue;

    /// <summary>Writes <paramref name="graph"/> to <paramref name="path"/> atomically (a temporary file in the same folder, then a rename).</summary>
    /// <exception cref="LightenException">The file cannot be written, or the model is too large for one file.</exception>
    public static void Save(Graph graph, string path) => Save(graph, path, null);

    /// <summary>
    /// Writes <paramref name="graph"/> to <paramref name="path"/> atomically; with an
    /// <see cref="OnnxSaveOptions.ExternalDataThreshold"/>, large initializers go to an external data file
    /// next to it (written atomically first, so the model never refers to missing data).
    /// </summary>
    /// <exception cref="LightenException">The file cannot be written, or the model is too large for one file.</exception>
    public static void Save(Graph graph, string path, OnnxSaveOptions? options)
    {
        ModelProto model;
        if (options?.ExternalDataThreshold is long threshold && graph.Initializers.Values.Any(t => t.ByteCount >= threshold))
        {
            var dataName = OnnxSaveOptions.ExternalDataFileName(path);
            var dataPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "", dataName);
            ModelProto? built = null;
            AtomicFile.Write(dataPath, stream => built = ModelWriter.Build(graph, (name, tensor) =>
                tensor.ByteCount >= threshold ? External(name, tensor, dataName, stream) : null));
            model = built!;
        }
        else
        {
            model = ModelWriter.Build(graph);
        }
        CheckSize(model, path);
        AtomicFile.Write(path, model.WriteTo);
    }

    /// <summary>The ONNX bytes of <paramref name="graph"/>, with every initializer inside.</summary>
    /// <exception cref="LightenException">The model is 2 GB or more, too large for one ONNX file.</exception>
    public static byte[] ToBytes(Graph graph)
    {
        var model = ModelWriter.Build(graph);
        CheckSize(model, null);
        return model.ToByteArray();
    }

    private static TensorProto External(string name, TensorData tensor, string location, Stream stream)
    {
        var proto = ModelWriter.TensorHeader(name, tensor);
        proto.DataLocation = TensorProto.Types.DataLocation.External;
        proto.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        proto.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = stream.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        proto.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = tensor.ByteCount.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        stream.Write(tensor.Raw.Span);
        return proto;
    }

    private static void CheckSize(ModelProto model, string? path)
    {
        long size = model.Graph.Initializer.Sum(t => (long)t.RawData.Length);
        if (size >= ProtobufLimit)
            throw new LightenException(
                $"the model's weights take {size} bytes, more than the 2 GB one ONNX file can hold; save with an external data threshold",
                path);
    }
}
