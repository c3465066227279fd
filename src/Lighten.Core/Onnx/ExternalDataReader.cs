using System.Globalization;
using Onnx;

namespace Lighten.Core.Onnx;

/// <summary>
/// Reads a tensor stored outside the model (<c>data_location = EXTERNAL</c>). The location must be a
/// relative path that stays inside the model's folder, so a model cannot make Lighten read arbitrary files.
/// </summary>
internal static class ExternalDataReader
{
    public static byte[] Read(ImportContext context, TensorProto tensor, TensorPlace place, long expectedBytes)
    {
        string? location = null;
        long offset = 0;
        long? length = null;
        foreach (var entry in tensor.ExternalData)
        {
            switch (entry.Key)
            {
                case "location": location = entry.Value; break;
                case "offset": offset = ParseNumber(context, place, entry); break;
                case "length": length = ParseNumber(context, place, entry); break;
            }
        }
        if (string.IsNullOrEmpty(location))
            throw context.Error($"{place.What} is stored as external data but names no location", place.Node, place.OpType);

        try
        {
            var path = ResolveInsideFolder(context, place, location);
            if (length is long given && given != expectedBytes)
                throw context.Error($"{place.What} needs {expectedBytes} bytes, but its external data in '{location}' has length {given}", place.Node, place.OpType);
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            long fileLength = RandomAccess.GetLength(handle);
            if (offset > fileLength || expectedBytes > fileLength - offset)
                throw context.Error(
                    $"{place.What} reads {expectedBytes} bytes at offset {offset} of '{location}', which has only {fileLength} bytes",
                    place.Node, place.OpType);
            var data = new byte[expectedBytes];
            int done = 0;
            while (done < data.Length)
            {
                int n = RandomAccess.Read(handle, data.AsSpan(done), offset + done);
                if (n == 0) throw context.Error($"{place.What}: '{location}' ended while reading its external data", place.Node, place.OpType);
                done += n;
            }
            return data;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw context.Error($"{place.What} is stored in external data file '{location}', which does not exist next to the model", place.Node, place.OpType, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw context.Error($"{place.What}: cannot read external data file '{location}': {ex.Message}", place.Node, place.OpType, ex);
        }
    }

    private static long ParseNumber(ImportContext context, TensorPlace place, StringStringEntryProto entry)
    {
        if (long.TryParse(entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long v)) return v;
        throw context.Error($"{place.What} has external data {entry.Key} '{entry.Value}', which is not a non-negative integer", place.Node, place.OpType);
    }

    /// <summary>The full path of <paramref name="location"/>, refusing absolute paths and paths (or symbolic links) that leave the model's folder.</summary>
    private static string ResolveInsideFolder(ImportContext context, TensorPlace place, string location)
    {
        if (context.BaseDirectory is null)
            throw context.Error($"{place.What} is stored in external data file '{location}', but the model was not loaded from a folder", place.Node, place.OpType);
        // Models written on Windows may use backslashes; reading them as separators also catches "..\" escapes.
        var relative = location.Replace('\\', '/');
        if (relative.Contains('\0') || Path.IsPathRooted(relative) || relative.StartsWith('/') || (relative.Length > 1 && relative[1] == ':'))
            throw context.Error($"{place.What} has an absolute external data location '{location}'; only paths relative to the model's folder are read", place.Node, place.OpType);

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(context.BaseDirectory));
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!IsInside(root, full))
            throw context.Error($"{place.What} has an external data location '{location}' that leaves the model's folder", place.Node, place.OpType);

        // The check above is on the path's text; a symbolic link inside the folder could still point out of it.
        for (var p = full; p.Length > root.Length; p = Path.GetDirectoryName(p) ?? root)
        {
            FileSystemInfo info = File.Exists(p) ? new FileInfo(p) : new DirectoryInfo(p);
            if (info.LinkTarget is null) continue;
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !IsInside(root, Path.GetFullPath(target.FullName)))
                throw context.Error($"{place.What} has an external data location '{location}' that leads out of the model's folder through a symbolic link", place.Node, place.OpType);
        }
        return full;
    }

    private static bool IsInside(string root, string full)
    {
        var prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return full.Length > prefix.Length && full.StartsWith(prefix, StringComparison.Ordinal);
    }
}
