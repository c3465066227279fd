namespace Lighten.Core.Onnx;

/// <summary>Which ONNX IR version a model needs, from ONNX's table of releases.</summary>
internal static class IrVersions
{
    /// <summary>The IR version at which initializers no longer had to be listed among the graph inputs.</summary>
    public const long InitializersApartFromInputs = 4;

    /// <summary>The lowest IR version that allows default-domain opset <paramref name="opset"/>.</summary>
    public static long MinimumFor(long opset) => opset switch
    {
        <= 8 => 3,
        9 => 4,
        10 => 5,
        11 => 6,
        <= 14 => 7,
        <= 18 => 8,
        <= 20 => 9,
        <= 22 => 10,
        _ => 11,
    };
}
