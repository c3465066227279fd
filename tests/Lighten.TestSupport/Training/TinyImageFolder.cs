using SkiaSharp;

namespace Lighten.Training.Tests.Trainer;

/// <summary>Writes a small ImageFolder (train/ and val/) of visually distinct classes drawn with SkiaSharp, each image jittered.</summary>
public static class TinyImageFolder
{
    public static readonly string[] Classes = ["red", "stripes_horizontal", "stripes_vertical"];

    public static string Create(string root, int trainPerClass = 12, int valPerClass = 4, int size = 32, int seed = 1)
    {
        var random = new Random(seed);
        foreach (var (split, count) in new[] { ("train", trainPerClass), ("val", valPerClass) })
            for (int c = 0; c < Classes.Length; c++)
            {
                var folder = Path.Combine(root, split, Classes[c]);
                Directory.CreateDirectory(folder);
                for (int i = 0; i < count; i++) Draw(c, size, random, Path.Combine(folder, $"{i:D3}.png"));
            }
        return root;
    }

    private static void Draw(int cls, int size, Random random, string path)
    {
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            byte Jitter(int v) => (byte)Math.Clamp(v + random.Next(-30, 31), 0, 255);
            if (cls == 0)
            {
                canvas.Clear(new SKColor(Jitter(220), Jitter(40), Jitter(40)));
            }
            else
            {
                canvas.Clear(new SKColor(Jitter(30), Jitter(30), Jitter(30)));
                using var paint = new SKPaint { Color = new SKColor(Jitter(230), Jitter(230), Jitter(230)) };
                int period = random.Next(6, 10), phase = random.Next(period);
                for (int p = -phase; p < size; p += period)
                    canvas.DrawRect(cls == 1 ? new SKRect(0, p, size, p + period / 2f) : new SKRect(p, 0, p + period / 2f, size), paint);
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
