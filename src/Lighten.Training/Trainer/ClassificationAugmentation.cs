using Lighten.Core;
using Lighten.Data.Imaging;
using SkiaSharp;

namespace Lighten.Training.Trainer;

/// <summary>Random crop and horizontal flip of classifier training images, as one affine map from image to input pixels.</summary>
public sealed record ClassificationAugmentation
{
    /// <summary>The crop.</summary>
    public ClassificationCrop Crop { get; init; } = ClassificationCrop.RandomResized;

    /// <summary>Smallest fraction of the image area a random resized crop keeps.</summary>
    public double MinArea { get; init; } = 0.35;

    /// <summary>Largest shift of a pad-and-crop, as a fraction of the input size.</summary>
    public double Pad { get; init; } = 0.125;

    /// <summary>Mirror half the images left to right.</summary>
    public bool Flip { get; init; } = true;

    /// <summary>Throws <see cref="OptionException"/> for a value out of range.</summary>
    public void Validate()
    {
        if (!(MinArea > 0 && MinArea <= 1)) throw new OptionException($"the smallest crop area must lie in (0, 1], got {MinArea}");
        if (!(Pad >= 0 && Pad < 1)) throw new OptionException($"the pad fraction must lie in [0, 1), got {Pad}");
    }

    /// <summary>A random map from the pixels of an image of the given size to the input of <paramref name="preprocess"/>.</summary>
    public SKMatrix Sample(Random random, int imageWidth, int imageHeight, Preprocess preprocess)
    {
        var map = Crop switch
        {
            ClassificationCrop.RandomResized => ResizedCrop(random, imageWidth, imageHeight, preprocess),
            ClassificationCrop.PadCrop => preprocess.GetTransform(imageWidth, imageHeight).PostConcat(SKMatrix.CreateTranslation(
                Shift(random, preprocess.Width), Shift(random, preprocess.Height))),
            _ => preprocess.GetTransform(imageWidth, imageHeight),
        };
        return Flip && random.Next(2) == 1 ? map.PostConcat(Mirror.Horizontal(preprocess.Width)) : map;
    }

    private int Shift(Random random, int size)
    {
        int pad = (int)Math.Round(Pad * size);
        return random.Next(-pad, pad + 1);
    }

    private SKMatrix ResizedCrop(Random random, int width, int height, Preprocess preprocess)
    {
        double area = (double)width * height;
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double target = area * (MinArea + (1 - MinArea) * random.NextDouble());
            double aspect = Math.Exp(Math.Log(3.0 / 4) + (Math.Log(4.0 / 3) - Math.Log(3.0 / 4)) * random.NextDouble());
            double w = Math.Sqrt(target * aspect), h = Math.Sqrt(target / aspect);
            if (w > width || h > height) continue;
            double x = random.NextDouble() * (width - w), y = random.NextDouble() * (height - h);
            return Region(x, y, w, h, preprocess);
        }
        // Like torchvision, fall back to the whole image when no drawn region fits.
        return Region(0, 0, width, height, preprocess);
    }

    private static SKMatrix Region(double x, double y, double w, double h, Preprocess preprocess) =>
        SKMatrix.CreateScaleTranslation((float)(preprocess.Width / w), (float)(preprocess.Height / h),
            (float)(-x * preprocess.Width / w), (float)(-y * preprocess.Height / h));
}
