using Lighten.Core.IO;

namespace Lighten.Training.Native;

/// <summary>Named float arrays in a small binary file (count, then name, length and values each), for comparing gradients across processes.</summary>
public static class GradientFile
{
    /// <summary>Writes <paramref name="gradients"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IReadOnlyList<(string Name, float[] Values)> gradients)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(gradients.Count);
            foreach (var (name, values) in gradients)
            {
                writer.Write(name);
                writer.Write(values.Length);
                foreach (var v in values) writer.Write(v);
            }
        }
        AtomicFile.WriteAllBytes(path, memory.ToArray());
    }

    /// <summary>Reads a file <see cref="Write"/> wrote.</summary>
    public static IReadOnlyList<(string Name, float[] Values)> Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var result = new List<(string, float[])>();
        for (int i = reader.ReadInt32(); i > 0; i--)
        {
            var name = reader.ReadString();
            var values = new float[reader.ReadInt32()];
            for (int j = 0; j < values.Length; j++) values[j] = reader.ReadSingle();
            result.Add((name, values));
        }
        return result;
    }
}
