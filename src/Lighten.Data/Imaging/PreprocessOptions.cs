using Lighten.Core;

namespace Lighten.Data.Imaging;

/// <summary>
/// The preprocessing flags every command that reads images accepts, as given on the command line (null = not given).
/// The flag templates and help texts are constants so a CLI settings class can use them in its attributes.
/// </summary>
/// <param name="Size">Value of <c>--size</c>: <c>224</c> or <c>224x160</c> (width x height).</param>
/// <param name="Resize">Value of <c>--resize</c>: <c>stretch</c>, <c>letterbox</c> or <c>crop</c>.</param>
/// <param name="Bgr">Whether <c>--bgr</c> was given.</param>
/// <param name="Scale">Value of <c>--scale</c>: a number such as <c>0.00392</c> or a fraction such as <c>1/255</c>.</param>
/// <param name="Mean">Value of <c>--mean</c>: three comma-separated numbers (R, G, B) or one for all channels.</param>
/// <param name="Std">Value of <c>--std</c>: three comma-separated numbers (R, G, B) or one for all channels.</param>
public sealed record PreprocessOptions(
    string? Size = null, string? Resize = null, bool Bgr = false, string? Scale = null, string? Mean = null, string? Std = null)
{
    /// <summary>Template of the size flag.</summary>
    public const string SizeFlag = "--size <SIZE>";

    /// <summary>Help text of the size flag.</summary>
    public const string SizeHelp = "Network input size: 224 (square) or WxH such as 224x160";

    /// <summary>Template of the resize flag.</summary>
    public const string ResizeFlag = "--resize <MODE>";

    /// <summary>Help text of the resize flag.</summary>
    public const string ResizeHelp = "How images are fitted: stretch (default), letterbox, or crop (shorter side, then center crop)";

    /// <summary>Template of the BGR flag.</summary>
    public const string BgrFlag = "--bgr";

    /// <summary>Help text of the BGR flag.</summary>
    public const string BgrHelp = "Feed channels in B, G, R order instead of R, G, B";

    /// <summary>Template of the scale flag.</summary>
    public const string ScaleFlag = "--scale <SCALE>";

    /// <summary>Help text of the scale flag.</summary>
    public const string ScaleHelp = "Pixel multiplier applied to 0..255 values before mean/std (default 1/255)";

    /// <summary>Template of the mean flag.</summary>
    public const string MeanFlag = "--mean <R,G,B>";

    /// <summary>Help text of the mean flag.</summary>
    public const string MeanHelp = "Per-channel mean subtracted after scaling, e.g. 0.485,0.456,0.406 (default 0)";

    /// <summary>Template of the std flag.</summary>
    public const string StdFlag = "--std <R,G,B>";

    /// <summary>Help text of the std flag.</summary>
    public const string StdHelp = "Per-channel standard deviation dividing after the mean, e.g. 0.229,0.224,0.225 (default 1)";

    /// <summary>Whether any flag was given.</summary>
    public bool IsEmpty => Size is null && Resize is null && !Bgr && Scale is null && Mean is null && Std is null;

    /// <summary>
    /// Builds the spec: given flags override <paramref name="defaults"/> (for example a spec read from YAML, or one
    /// sized from the model's input); without defaults <c>--size</c> is required.
    /// </summary>
    /// <exception cref="OptionException">A value cannot be understood, or the size is missing; the flag is named.</exception>
    public Preprocess ToPreprocess(Preprocess? defaults = null) =>
        PreprocessParser.Build(
            new PreprocessText(Size, Resize, Bgr ? true : null, Scale, Mean, Std), defaults,
            name => "--" + name, "for example --size 224 or --size 224x160; or fix the model's input with --input-shape NAME=1x3xHxW");
}
