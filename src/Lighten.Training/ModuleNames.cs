using System.Text;

namespace Lighten.Training;

/// <summary>Makes unique TorchSharp parameter and buffer names (letters, digits, '_'; no '.') from ONNX value names.</summary>
internal sealed class ModuleNames
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>A name not given out before, derived from <paramref name="value"/>.</summary>
    public string Make(string value)
    {
        var b = new StringBuilder(value.Length + 1);
        foreach (var c in value) b.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        if (b.Length == 0 || char.IsAsciiDigit(b[0])) b.Insert(0, '_');
        var name = b.ToString();
        for (int i = 2; !_used.Add(name); i++) name = $"{b}_{i}";
        return name;
    }
}
