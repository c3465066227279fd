using SkiaSharp;

namespace Lighten.Data.Pose;

/// <summary>
/// The region of an image a top-down pose model sees: a (possibly rotated) rectangle with the input's aspect ratio
/// around a person, and the affine maps between image coordinates and input coordinates.
/// </summary>
/// <param name="CenterX">Crop center in image pixels.</param>
/// <param name="CenterY">Crop center in image pixels.</param>
/// <param name="Width">Crop width in image pixels.</param>
/// <param name="Height">Crop height in image pixels.</param>
/// <param name="RotationDegrees">Rotation of the image content inside the crop (positive turns it clockwise on screen).</param>
/// <param name="InputWidth">Network input width.</param>
/// <param name="InputHeight">Network input height.</param>
public sealed record TopDownCrop(float CenterX, float CenterY, float Width, float Height, float RotationDegrees, int InputWidth, int InputHeight)
{
    /// <summary>Padding around the person box used by top-down pose estimation (SimpleBaselines, HRNet).</summary>
    public const float DefaultPadding = 1.25f;

    /// <summary>
    /// The crop around a box: the box is widened or heightened to the input's aspect ratio about its center, then
    /// enlarged by <paramref name="padding"/>.
    /// </summary>
    public static TopDownCrop FromBox(BoundingBox box, int inputWidth, int inputHeight, float padding = DefaultPadding)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputHeight);
        double aspect = (double)inputWidth / inputHeight;
        double w = Math.Max(box.Width, 1), h = Math.Max(box.Height, 1);
        if (w > aspect * h) h = w / aspect;
        else w = h * aspect;
        return new(box.CenterX, box.CenterY, (float)(w * padding), (float)(h * padding), 0, inputWidth, inputHeight);
    }

    /// <summary>The same crop scaled by <paramref name="scaleFactor"/> (above 1 zooms out) and rotated by a further <paramref name="rotationDegrees"/>, for augmentation.</summary>
    public TopDownCrop Augment(float scaleFactor, float rotationDegrees)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scaleFactor);
        return this with { Width = Width * scaleFactor, Height = Height * scaleFactor, RotationDegrees = RotationDegrees + rotationDegrees };
    }

    /// <summary>The affine map from image coordinates to input coordinates: crop center to input center, crop size to input size.</summary>
    public SKMatrix ImageToInput
    {
        get
        {
            var (c, s) = CosSin();
            double kx = InputWidth / (double)Width, ky = InputHeight / (double)Height;
            double a = kx * c, b = -kx * s, d = ky * s, e = ky * c;
            return Matrix(a, b, InputWidth / 2.0 - a * CenterX - b * CenterY, d, e, InputHeight / 2.0 - d * CenterX - e * CenterY);
        }
    }

    /// <summary>The inverse map, from input coordinates back to image coordinates.</summary>
    public SKMatrix InputToImage
    {
        get
        {
            var (c, s) = CosSin();
            double ix = Width / (double)InputWidth, iy = Height / (double)InputHeight;
            double a = c * ix, b = s * iy, d = -s * ix, e = c * iy;
            return Matrix(a, b, CenterX - a * InputWidth / 2.0 - b * InputHeight / 2.0, d, e, CenterY - d * InputWidth / 2.0 - e * InputHeight / 2.0);
        }
    }

    /// <summary>Maps an image point to input coordinates.</summary>
    public SKPoint ToInput(float x, float y) => ImageToInput.MapPoint(x, y);

    /// <summary>Maps an input point back to image coordinates.</summary>
    public SKPoint ToImage(float x, float y) => InputToImage.MapPoint(x, y);

    private (double Cos, double Sin) CosSin()
    {
        double radians = RotationDegrees * Math.PI / 180;
        return (Math.Cos(radians), Math.Sin(radians));
    }

    private static SKMatrix Matrix(double scaleX, double skewX, double transX, double skewY, double scaleY, double transY) =>
        new((float)scaleX, (float)skewX, (float)transX, (float)skewY, (float)scaleY, (float)transY, 0, 0, 1);
}
