using System.Globalization;
using SkiaSharp;

namespace Lighten.Bench.Training;

/// <summary>
/// Writes an ImageFolder of visually distinct classes for the classifier demo: a circle, a square, a triangle, a cross,
/// a ring, horizontal stripes, vertical stripes and a checkerboard, each drawn in a random colour, size and position
/// over a random background colour with pixel noise; <c>--classes 10</c> adds a diamond and a grid of dots.
/// <c>shapes-folder --out DIR [--train N] [--val N] [--size S] [--seed S] [--classes 8|9|10]</c>.
/// </summary>
public static class ShapesFolder
{
    public static readonly string[] Classes = ["checkerboard", "circle", "cross", "ring", "square", "stripes_h", "stripes_v", "triangle"];

    /// <summary>The shapes beyond the default eight, in the order <c>--classes</c> adds them.</summary>
    public static readonly string[] ExtraClasses = ["diamond", "dots"];

    public static int Run(string[] args)
    {
        string? output = null;
        int train = 200, val = 50, size = 64, seed = 1, classCount = Classes.Length;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            int Int() => int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--out": output = args[i + 1]; break;
                case "--train": train = Int(); break;
                case "--val": val = Int(); break;
                case "--size": size = Int(); break;
                case "--seed": seed = Int(); break;
                case "--classes": classCount = Int(); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        if (output is null)
        {
            Console.Error.WriteLine("usage: shapes-folder --out DIR [--train 200] [--val 50] [--size 64] [--seed 1] [--classes 8]");
            return 2;
        }
        if (classCount < 2 || classCount > Classes.Length + ExtraClasses.Length)
        {
            Console.Error.WriteLine($"--classes must lie between 2 and {Classes.Length + ExtraClasses.Length}");
            return 2;
        }
        string[] classes = [.. Classes.Concat(ExtraClasses).Take(classCount)];
        var random = new Random(seed);
        foreach (var (split, count) in new[] { ("train", train), ("val", val) })
            for (int c = 0; c < classes.Length; c++)
            {
                var folder = Path.Combine(output, split, classes[c]);
                Directory.CreateDirectory(folder);
                for (int i = 0; i < count; i++) File.WriteAllBytes(Path.Combine(folder, $"{i:D4}.png"), Draw(classes[c], size, random));
            }
        Console.WriteLine($"wrote {classes.Length} classes x ({train} train + {val} val) images of {size}x{size} to {output}");
        return 0;
    }

    private static byte[] Draw(string shape, int size, Random random)
    {
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            var background = RandomColor(random);
            var foreground = RandomColor(random);
            while (Distance(background, foreground) < 200) foreground = RandomColor(random);
            canvas.Clear(background);
            using var paint = new SKPaint { Color = foreground, IsAntialias = true, StrokeWidth = size / 12f };
            float r = size * (0.2f + 0.15f * (float)random.NextDouble());
            float cx = r + (float)random.NextDouble() * (size - 2 * r), cy = r + (float)random.NextDouble() * (size - 2 * r);
            int period = Math.Max(4, (int)(size / (5 + 4 * random.NextDouble())));
            switch (shape)
            {
                case "circle": canvas.DrawCircle(cx, cy, r, paint); break;
                case "square": canvas.DrawRect(cx - r, cy - r, 2 * r, 2 * r, paint); break;
                case "ring": paint.Style = SKPaintStyle.Stroke; canvas.DrawCircle(cx, cy, r, paint); break;
                case "cross":
                    canvas.DrawLine(cx - r, cy, cx + r, cy, paint);
                    canvas.DrawLine(cx, cy - r, cx, cy + r, paint);
                    break;
                case "triangle":
                    using (var builder = new SKPathBuilder())
                    {
                        builder.AddPoly([new SKPoint(cx, cy - r), new SKPoint(cx + r, cy + r), new SKPoint(cx - r, cy + r)], close: true);
                        using var path = builder.Detach();
                        canvas.DrawPath(path, paint);
                    }
                    break;
                case "diamond":
                    using (var builder = new SKPathBuilder())
                    {
                        builder.AddPoly([new SKPoint(cx, cy - r), new SKPoint(cx + r, cy), new SKPoint(cx, cy + r), new SKPoint(cx - r, cy)], close: true);
                        using var path = builder.Detach();
                        canvas.DrawPath(path, paint);
                    }
                    break;
                case "dots":
                    for (int y = period / 2; y < size; y += period)
                        for (int x = period / 2; x < size; x += period) canvas.DrawCircle(x, y, period / 4f, paint);
                    break;
                case "stripes_h":
                case "stripes_v":
                    for (int p = -random.Next(period); p < size; p += period)
                        canvas.DrawRect(shape == "stripes_h" ? new SKRect(0, p, size, p + period / 2f) : new SKRect(p, 0, p + period / 2f, size), paint);
                    break;
                default:
                    for (int y = 0; y < size; y += period)
                        for (int x = (y / period) % 2 * period; x < size; x += 2 * period) canvas.DrawRect(x, y, period, period, paint);
                    break;
            }
        }
        AddNoise(bitmap, random);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static SKColor RandomColor(Random random) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));

    private static double Distance(SKColor a, SKColor b) =>
        Math.Sqrt(Math.Pow(a.Red - b.Red, 2) + Math.Pow(a.Green - b.Green, 2) + Math.Pow(a.Blue - b.Blue, 2));

    private static void AddNoise(SKBitmap bitmap, Random random)
    {
        var pixels = bitmap.GetPixelSpan().ToArray();
        for (int i = 0; i < pixels.Length; i++)
            if (i % 4 != 3) pixels[i] = (byte)Math.Clamp(pixels[i] + random.Next(-20, 21), 0, 255);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
    }
}
