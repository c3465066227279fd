using Lighten.Core;
using Lighten.Core.Onnx;

namespace Lighten.Runtime;

/// <summary>A graph written to a private temporary folder for ONNX Runtime to load; disposing deletes the folder.</summary>
internal sealed class TemporaryModel : IDisposable
{
    private readonly string folder;

    private TemporaryModel(string folder, string path)
    {
        this.folder = folder;
        Path = path;
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>Writes <paramref name="graph"/> as <c>{name}.onnx</c> in a new temporary folder.</summary>
    public static TemporaryModel Write(Graph graph, string name)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lighten-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, name + ".onnx");
        try
        {
            OnnxExporter.Save(graph, path);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
        return new TemporaryModel(folder, path);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
