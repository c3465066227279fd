using System.IO.Compression;
using Lighten.Core.Onnx;

namespace Lighten.Core.Transforms.Prune;

/// <summary>The zeros of one weight layer.</summary>
/// <param name="Node">The layer.</param>
/// <param name="OpType">Its op.</param>
/// <param name="Weights">Entries of its weight.</param>
/// <param name="Zeros">Entries that are exactly zero.</param>
public sealed record LayerSparsity(string Node, string OpType, long Weights, long Zeros)
{
    /// <summary>Zeros over weights.</summary>
    public double Sparsity => Weights == 0 ? 0 : (double)Zeros / Weights;
}

/// <summary>What unstructured pruning gives: per-layer sparsity, and the model's raw and zip-compressed size.</summary>
/// <param name="Layers">Every Conv, ConvTranspose, Gemm and MatMul with an initializer weight, in graph order.</param>
/// <param name="RawBytes">Size of the ONNX file.</param>
/// <param name="ZippedBytes">Size of a zip archive (deflate, smallest size) holding the ONNX file.</param>
public sealed record SparsityReport(IReadOnlyList<LayerSparsity> Layers, long RawBytes, long ZippedBytes)
{
    /// <summary>Zeros over weights of all layers.</summary>
    public double Sparsity => Layers.Sum(l => l.Weights) is long n && n > 0 ? (double)Layers.Sum(l => l.Zeros) / n : 0;

    /// <summary>Measures <paramref name="graph"/> as it would be written.</summary>
    public static SparsityReport Measure(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var layers = graph.Nodes
            .Where(n => n.OpType is "Conv" or "ConvTranspose" or "Gemm" or "MatMul" && n.HasInput(1)
                && graph.Initializers.TryGetValue(n.Inputs[1], out var w) && w.ElementType.IsFloat())
            .Select(n => graph.Initializers[n.Inputs[1]] is var w ? new LayerSparsity(n.Name, n.OpType, w.ElementCount, PruneMagnitude.Zeros(w)) : null!)
            .ToList();
        var bytes = OnnxExporter.ToBytes(graph);
        return new SparsityReport(layers, bytes.Length, ZippedSize(bytes, graph.Name + ".onnx"));
    }

    /// <summary>The size of a zip archive (smallest-size deflate) holding <paramref name="content"/> as one entry.</summary>
    public static long ZippedSize(byte[] content, string entryName)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(entryName, CompressionLevel.SmallestSize).Open();
            entry.Write(content);
        }
        return buffer.Length;
    }
}
