using System.Text;

namespace Lighten.Core.IO;

/// <summary>
/// Writes files atomically: the content goes to a temporary file in the same folder, which is flushed
/// to disk and then renamed over the destination, so a reader never sees a half-written file and a
/// failed write leaves the previous file untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="data"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="LightenException">The file cannot be written; the error names it.</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> data)
    {
        var full = Path.GetFullPath(path);
        var temp = CreateTemp(full, out var stream);
        try
        {
            using (stream)
            {
                stream.Write(data);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw CannotWrite(path, ex);
        }
        Commit(temp, full, path);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (without a byte-order mark) to <paramref name="path"/> atomically.</summary>
    /// <exception cref="LightenException">The file cannot be written; the error names it.</exception>
    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));

    /// <summary>
    /// Writes <paramref name="path"/> atomically through a stream, for content too large to hold twice
    /// in memory. When <paramref name="writeContent"/> throws, the destination is left untouched.
    /// </summary>
    /// <exception cref="LightenException">The file cannot be written; the error names it.</exception>
    public static void Write(string path, Action<Stream> writeContent)
    {
        var full = Path.GetFullPath(path);
        var temp = CreateTemp(full, out var stream);
        try
        {
            using (stream)
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (Exception ex)
        {
            TryDelete(temp);
            if (ex is IOException or UnauthorizedAccessException) throw CannotWrite(path, ex);
            throw;
        }
        Commit(temp, full, path);
    }

    private static string CreateTemp(string full, out FileStream stream)
    {
        var folder = Path.GetDirectoryName(full) ?? throw new LightenException("is not a file path", full);
        // A random suffix keeps two writers of the same file from sharing a temporary file.
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(full, ex);
        }
        return temp;
    }

    private static void Commit(string temp, string full, string path)
    {
        try
        {
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw CannotWrite(path, ex);
        }
    }

    private static LightenException CannotWrite(string path, Exception inner) =>
        new($"cannot write the file: {inner.Message}", path, inner: inner);

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original error matters more than a leftover temporary file.
        }
    }
}
