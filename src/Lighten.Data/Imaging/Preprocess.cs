using System.Collections.ObjectModel;
using System.Globalization;
using Lighten.Core;
using SkiaSharp;

namespace Lighten.Data.Imaging;

/// <summary>
/// How an image becomes a network input: resize to <see cref="Width"/> x <see cref="Height"/>, channel order, then
/// per channel <c>(pixel * Scale - Mean[c]) / Std[c]</c> with pixels 0..255, written as NCHW float32.
/// One spec serves training, calibration and evaluation, read from YAML or from the shared command-line flags.
/// </summary>
public sealed record Preprocess
{
    private readonly int width;
    private readonly int height;
    private readonly ResizeMode resize;
    private readonly float scale = 1f / 255f;
    private readonly ReadOnlyCollection<float> mean = Array.AsReadOnly(new[] { 0f, 0f, 0f });
    private readonly ReadOnlyCollection<float> std = Array.AsReadOnly(new[] { 1f, 1f, 1f });

    /// <summary>Creates the default spec (stretch, RGB, scale 1/255, mean 0, std 1) for a given input size.</summary>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public Preprocess(int width, int height)
    {
        Width = width;
        Height = height;
    }

    /// <summary>The default spec at the size a model's single 4-D image input fixes (null when its height or width is symbolic).</summary>
    public static Preprocess? OfModelInput(IReadOnlyList<ValueInfo> inputs) =>
        inputs is [{ Shape: { Rank: 4 } shape }] && shape[2].Value is long h && shape[3].Value is long w ? new Preprocess((int)w, (int)h) : null;

    /// <summary>Input width in pixels.</summary>
    public int Width { get => width; init => width = value > 0 ? value : throw new ArgumentException($"width must be positive, got {value}"); }

    /// <summary>Input height in pixels.</summary>
    public int Height { get => height; init => height = value > 0 ? value : throw new ArgumentException($"height must be positive, got {value}"); }

    /// <summary>How the image is fitted to the input size.</summary>
    public ResizeMode Resize { get => resize; init => resize = Enum.IsDefined(value) ? value : throw new ArgumentException($"unknown resize mode {value}"); }

    /// <summary>Whether channels are written in B, G, R order instead of R, G, B.</summary>
    public bool Bgr { get; init; }

    /// <summary>Multiplier applied to the 0..255 pixel value before the mean is subtracted (default 1/255).</summary>
    public float Scale
    {
        get => scale;
        init => scale = value > 0 && float.IsFinite(value) ? value : throw new ArgumentException($"scale must be a positive number, got {Format(value)}");
    }

    /// <summary>Per-channel mean in R, G, B order (after scaling), subtracted from every pixel.</summary>
    public IReadOnlyList<float> Mean { get => mean; init => mean = Triple(value, "mean", positive: false); }

    /// <summary>Per-channel standard deviation in R, G, B order (after scaling) that divides every pixel.</summary>
    public IReadOnlyList<float> Std { get => std; init => std = Triple(value, "std", positive: true); }

    /// <summary>Number of floats one image occupies: 3 x Height x Width.</summary>
    public int ElementCount => 3 * Width * Height;

    /// <summary>The NCHW shape of one image: [1, 3, Height, Width].</summary>
    public int[] Shape => [1, 3, Height, Width];

    /// <summary>The affine map from the pixel coordinates of an image of the given size to input coordinates under <see cref="Resize"/>.</summary>
    public SKMatrix GetTransform(int imageWidth, int imageHeight) => ResizeTransform.For(Resize, imageWidth, imageHeight, Width, Height);

    /// <summary>Resizes <paramref name="image"/> by <see cref="Resize"/> and writes it normalized into <paramref name="chw"/> (length <see cref="ElementCount"/>).</summary>
    public void WriteTensor(SKBitmap image, Span<float> chw)
    {
        ArgumentNullException.ThrowIfNull(image);
        WriteTensor(image, GetTransform(image.Width, image.Height), chw);
    }

    /// <summary>
    /// Maps <paramref name="image"/> through <paramref name="imageToInput"/> (image pixel coordinates to input coordinates,
    /// for example a top-down pose crop) and writes it normalized into <paramref name="chw"/>; input pixels that fall
    /// outside the image are black before normalization. <see cref="Resize"/> is not used.
    /// </summary>
    public void WriteTensor(SKBitmap image, SKMatrix imageToInput, Span<float> chw) => TensorWriter.Write(this, image, imageToInput, chw);

    /// <summary>
    /// Reads a spec from YAML with the keys <c>size</c> (<c>224</c>, <c>224x160</c> or <c>[224, 160]</c>), <c>resize</c>,
    /// <c>bgr</c>, <c>scale</c>, <c>mean</c> and <c>std</c> (three numbers), optionally under a <c>preprocess:</c> key.
    /// Missing keys take their values from <paramref name="defaults"/> (or the defaults of this type; <c>size</c> is then required).
    /// </summary>
    /// <exception cref="OptionException">The YAML is malformed, a key is unknown, missing or has a bad value (the key is named).</exception>
    public static Preprocess FromYaml(string yaml, Preprocess? defaults = null) => PreprocessYaml.Read(yaml, defaults);

    /// <summary>Reads a spec from a YAML file (see <see cref="FromYaml"/>); errors name the file.</summary>
    /// <exception cref="OptionException">The file cannot be read or holds a bad spec.</exception>
    public static Preprocess FromYamlFile(string path, Preprocess? defaults = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw (OptionException)new OptionException($"cannot read preprocessing file: {e.Message}").WithFile(path);
        }
        try
        {
            return FromYaml(text, defaults);
        }
        catch (OptionException e)
        {
            throw e.WithFile(path);
        }
    }

    /// <summary>Writes the spec as YAML that <see cref="FromYaml"/> reads back to an equal spec.</summary>
    public string ToYaml() => PreprocessYaml.Write(this);

    /// <summary>
    /// Builds a spec from the command-line flags <c>--size</c> (required), <c>--resize</c>, <c>--bgr</c>, <c>--scale</c>,
    /// <c>--mean</c> and <c>--std</c>; null means the flag was not given. See <see cref="PreprocessOptions"/>.
    /// </summary>
    /// <exception cref="OptionException">A value cannot be understood; the flag is named.</exception>
    public static Preprocess FromOptions(string? size, string? resize, bool bgr, string? scale, string? mean, string? std) =>
        new PreprocessOptions(size, resize, bgr, scale, mean, std).ToPreprocess();

    /// <summary>Value equality, comparing mean and std element by element.</summary>
    public bool Equals(Preprocess? other) =>
        other is not null && Width == other.Width && Height == other.Height && Resize == other.Resize && Bgr == other.Bgr
        && Scale.Equals(other.Scale) && Mean.SequenceEqual(other.Mean) && Std.SequenceEqual(other.Std);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Width, Height, Resize, Bgr, Scale, Mean[0], Std[0]);

    /// <summary>A one-line description such as <c>224x224 stretch RGB scale=0.003921569 mean=[0, 0, 0] std=[1, 1, 1]</c>.</summary>
    public override string ToString() =>
        $"{Width}x{Height} {Resize.ToString().ToLowerInvariant()} {(Bgr ? "BGR" : "RGB")} scale={Format(Scale)} mean=[{List(Mean)}] std=[{List(Std)}]";

    internal static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string List(IEnumerable<float> values) => string.Join(", ", values.Select(Format));

    private static ReadOnlyCollection<float> Triple(IReadOnlyList<float> values, string name, bool positive)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != 3) throw new ArgumentException($"{name} needs 3 values (R, G, B), got {values.Count}");
        foreach (var v in values)
        {
            if (!float.IsFinite(v) || (positive && v <= 0))
                throw new ArgumentException($"{name} values must be {(positive ? "positive" : "finite")} numbers, got {Format(v)}");
        }
        return Array.AsReadOnly(values.ToArray());
    }
}
