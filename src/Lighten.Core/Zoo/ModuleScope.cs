namespace Lighten.Core.Zoo;

/// <summary>
/// Node names as PyTorch's ONNX exporter writes them for a module path: one scope per module on the path,
/// each the module's name relative to its nearest non-numeric atom (<c>layer1.0.conv1</c> gives
/// <c>/layer1/layer1.0/conv1/Conv</c>; <c>features.1.conv.0.0</c> gives <c>/features/features.1/conv/conv.0/conv.0.0/Conv</c>).
/// </summary>
public static class ModuleScope
{
    /// <summary>The node name of an op of type <paramref name="opType"/> run by the module at <paramref name="module"/> (empty: the model itself).</summary>
    public static string NodeName(string module, string opType)
    {
        if (module.Length == 0) return "/" + opType;
        var atoms = module.Split('.');
        var scopes = new List<string>(atoms.Length);
        for (int end = 0; end < atoms.Length; end++)
        {
            int start = end;
            while (start > 0 && IsNumeric(atoms[start])) start--;
            scopes.Add(string.Join('.', atoms[start..(end + 1)]));
        }
        return "/" + string.Join('/', scopes) + "/" + opType;
    }

    /// <summary>The path of a child module: <paramref name="parent"/>.<paramref name="child"/>, or the child alone at the top.</summary>
    public static string Child(string parent, string child) => parent.Length == 0 ? child : $"{parent}.{child}";

    /// <summary>The path of the <paramref name="index"/>-th child of a sequential module.</summary>
    public static string Child(string parent, int index) => Child(parent, index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static bool IsNumeric(string atom) => atom.Length > 0 && atom.All(char.IsAsciiDigit);
}
