using System.Collections.Immutable;
using Onnx;

namespace Lighten.Core.Onnx;

/// <summary>
/// Reads ONNX models (default-domain opsets 7 to 21) into a <see cref="Graph"/>. Constant nodes become
/// initializers, graph inputs that are also initializers are dropped from the inputs, unknown ops are
/// kept as they are, and every problem with the file is a <see cref="ModelFormatException"/> naming it.
/// </summary>
/// <remarks>
/// Node names are made unique: a node without a name is called <c>{OpType}_{index}</c> (its position in
/// the file), and a name that repeats (PyTorch exports can have them) gets the first free suffix
/// <c>_1</c>, <c>_2</c>, ...; the first node with a name keeps it. Model-local functions, sparse
/// initializers and training info are not read (the first two are refused).
/// </remarks>
public static class OnnxImporter
{
    /// <summary>The oldest default-domain opset Lighten reads.</summary>
    public const long MinOpset = 7;

    /// <summary>The newest default-domain opset Lighten reads.</summary>
    public const long MaxOpset = 21;

    /// <summary>
    /// Checks cheaply that <paramref name="path"/> can be a model: it exists, is a file, is not empty and is not text. Reading
    /// it (<see cref="Load(string)"/>) checks the rest.
    /// </summary>
    /// <exception cref="ModelFormatException">The file is missing, a folder, empty, unreadable or a text file.</exception>
    public static void CheckFile(string path)
    {
        var head = new byte[512];
        int read = ReadFile(path, () =>
        {
            using var stream = File.OpenRead(path);
            return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        });
        if (read == 0) throw new ModelFormatException("the model file is empty", path);
        if (LooksLikeText(head.AsSpan(0, read))) throw new ModelFormatException(TextFile, path);
    }

    private const string TextFile = "is a text file, not an ONNX model (ONNX files are binary protobuf)";

    /// <summary>Reads the model at <paramref name="path"/>; external data is read from its folder.</summary>
    /// <exception cref="ModelFormatException">The file is missing, unreadable, not a valid ONNX model, or unsupported.</exception>
    public static Graph Load(string path)
    {
        var (bytes, folder) = ReadFile(path, () => (File.ReadAllBytes(path), Path.GetDirectoryName(Path.GetFullPath(path))));
        return Load(bytes, path, folder);
    }

    // A folder and file-system errors become one ModelFormatException naming the file.
    private static T ReadFile<T>(string path, Func<T> read)
    {
        if (Directory.Exists(path)) throw new ModelFormatException("is a folder, not an ONNX model file", path);
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelFormatException("the model file does not exist", path, inner: ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ModelFormatException($"cannot read the model file: {ex.Message}", path, inner: ex);
        }
    }

    /// <summary>
    /// Reads a model from <paramref name="bytes"/>. <paramref name="sourceName"/> names the model in errors;
    /// external data is read from <paramref name="baseDirectory"/>, and refused when it is null.
    /// </summary>
    /// <exception cref="ModelFormatException">The bytes are not a valid ONNX model, or an unsupported one.</exception>
    public static Graph Load(ReadOnlyMemory<byte> bytes, string sourceName, string? baseDirectory)
    {
        var context = new ImportContext(sourceName, baseDirectory);
        if (bytes.IsEmpty) throw context.Error("the model file is empty");

        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes.Span);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Protobuf reports damaged input with several exception types and wordings of its own; all mean the same to
            // the user, who learns which kind of file it is (the protobuf reason stays in the inner exception, for --verbose).
            throw context.Error(LooksLikeText(bytes.Span)
                ? TextFile
                : "is not a valid ONNX model (truncated, or not a protobuf ModelProto)", inner: ex);
        }

        if (model.Graph is null) throw context.Error("is not an ONNX model: it contains no graph");
        CheckOpset(context, model);
        if (model.Functions.Count > 0)
            throw context.Error($"the model defines local functions ('{model.Functions[0].Name}'), which Lighten does not read");

        var template = new Graph
        {
            Opsets = [.. model.OpsetImport.Select(o => new OpsetImport(o.Domain, o.Version))],
            Metadata = ReadMetadata(model),
            Model = new ModelInfo(model.IrVersion, model.ProducerName, model.ProducerVersion, model.Domain, model.ModelVersion, model.DocString),
        };
        return new GraphReader(context).Read(model.Graph, template);
    }

    // A model's first bytes are protobuf tags and lengths, never only printable text.
    private static bool LooksLikeText(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 512)];
        foreach (var b in head)
            if (b < 0x09 || (b > 0x0D && b < 0x20) || b == 0x7F) return false;
        return true;
    }

    private static void CheckOpset(ImportContext context, ModelProto model)
    {
        var opset = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx");
        if (opset is null)
        {
            if (model.Graph.Node.Any(n => n.Domain is "" or "ai.onnx"))
                throw context.Error("the model imports no version of the default ONNX operator set (opset_import is missing)");
            return;
        }
        if (opset.Version < MinOpset || opset.Version > MaxOpset)
            throw context.Error($"the model uses ONNX opset {opset.Version}; Lighten reads opsets {MinOpset} to {MaxOpset}");
    }

    // When a key repeats, the last value wins, as it would in a dictionary built from the list.
    private static ImmutableSortedDictionary<string, string> ReadMetadata(ModelProto model)
    {
        var metadata = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var entry in model.MetadataProps) metadata[entry.Key] = entry.Value;
        return metadata.ToImmutable();
    }
}
