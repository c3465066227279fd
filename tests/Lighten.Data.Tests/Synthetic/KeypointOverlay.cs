using Lighten.Data.Synthetic;
using SkiaSharp;
using Lighten.Data.Pose;

namespace Lighten.Data.Tests.Synthetic;

/// <summary>
/// Draws labels over rendered samples (enlarged) into one contact-sheet PNG, to look at: bones of the person's right
/// side red, left side blue, centre green; visible joints filled, occluded joints hollow, the bbox yellow, the head box cyan.
/// </summary>
internal static class KeypointOverlay
{
    public static void WriteSheet(string path, SyntheticPoseOptions options, int first, int count, int columns = 4, int zoom = 3)
    {
        int cell = options.Size * zoom, rows = (count + columns - 1) / columns;
        using var sheet = new SKBitmap(columns * cell, rows * cell);
        using (var canvas = new SKCanvas(sheet))
        {
            canvas.Clear(SKColors.Black);
            for (int k = 0; k < count; k++)
            {
                using var sample = SampleRenderer.Render(options, first + k);
                canvas.Save();
                canvas.Translate(k % columns * cell, k / columns * cell);
                canvas.DrawBitmap(sample.Image, new SKRect(0, 0, cell, cell), new SKSamplingOptions(SKFilterMode.Nearest), null);
                canvas.Scale(zoom);
                Draw(canvas, sample.Label);
                canvas.Restore();
            }
        }
        using var data = sheet.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static void Draw(SKCanvas canvas, PoseLabel label)
    {
        using var paint = new SKPaint { IsAntialias = true, StrokeWidth = 0.6f, Style = SKPaintStyle.Stroke };
        foreach (var (a, b) in MpiiSkeleton.Bones)
        {
            if (label.Visibility[a] == 0 || label.Visibility[b] == 0) continue;
            paint.Color = SideColor(a).WithAlpha(200);
            canvas.DrawLine(label.Joints[a], label.Joints[b], paint);
        }
        for (int j = 0; j < MpiiJoints.Count; j++)
        {
            if (label.Visibility[j] == 0) continue;
            paint.Color = SideColor(j);
            paint.Style = label.Visibility[j] == 2 ? SKPaintStyle.Fill : SKPaintStyle.Stroke;
            canvas.DrawCircle(label.Joints[j], 1.3f, paint);
        }
        paint.Style = SKPaintStyle.Stroke;
        paint.StrokeWidth = 0.4f;
        paint.Color = SKColors.Yellow;
        canvas.DrawRect(label.Box, paint);
        paint.Color = SKColors.Cyan;
        canvas.DrawRect(label.HeadBox, paint);
    }

    private static SKColor SideColor(int joint) => MpiiJoints.Names[joint][..2] switch
    {
        "r_" => SKColors.Red,
        "l_" => SKColors.Blue,
        _ => SKColors.Lime,
    };
}
