namespace Lighten.Core.Onnx;

/// <summary>What every import step needs to read a model and to name the place of a problem.</summary>
internal sealed class ImportContext(string file, string? baseDirectory)
{
    /// <summary>The file (or source name) being imported, named by every error.</summary>
    public string File { get; } = file;

    /// <summary>The folder external data is read from; null when the model did not come from a folder.</summary>
    public string? BaseDirectory { get; } = baseDirectory;

    /// <summary>An import error naming the file and, when given, the node.</summary>
    public ModelFormatException Error(string message, string? node = null, string? opType = null, Exception? inner = null) =>
        new(message, File, node, opType, inner);
}
