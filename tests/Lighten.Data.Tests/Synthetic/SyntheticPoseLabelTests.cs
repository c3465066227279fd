using Lighten.Data.Synthetic;
using SkiaSharp;
using Lighten.Data.Pose;

namespace Lighten.Data.Tests.Synthetic;

/// <summary>The labels agree with the rendered pixels: joints land on their limbs, hidden joints are really covered.</summary>
public class SyntheticPoseLabelTests
{
    private const int Samples = 150;

    /// <summary>Largest per-channel difference allowed between a pixel and the colour it should show (anti-aliasing at thin limbs).</summary>
    private const int Tolerance = 24;

    private static readonly SyntheticPoseOptions Plain = new() { Seed = 11, Background = SyntheticBackground.Plain, Noise = false };

    [Fact]
    public void Visible_joints_show_the_colour_of_their_own_limb()
    {
        int checkedJoints = 0, edges = 0;
        foreach (var (i, sample, j) in JointsWithVisibility(2))
        {
            if (OnPartEdge(sample, j))
            {
                edges++;
                continue;
            }
            var pixel = PixelAt(sample.Image, sample.Label.Joints[j]);
            var owners = sample.Figure.Parts.Where(p => p.Joints.Contains(j)).SelectMany(p => p.Colors);
            Assert.True(owners.Any(c => Distance(c, pixel) <= Tolerance),
                $"image {i} {MpiiJoints.Names[j]}: pixel {pixel} is not the colour of its limb ({string.Join(", ", owners)})");
            checkedJoints++;
        }
        Assert.True(checkedJoints > Samples * 10 && edges < checkedJoints / 10, $"{checkedJoints} joints checked, {edges} on part edges");
    }

    [Fact]
    public void Occluded_joints_lie_on_their_limb_and_under_another_part()
    {
        int occluded = 0, edges = 0;
        foreach (var (i, sample, j) in JointsWithVisibility(1))
        {
            occluded++;
            if (OnPartEdge(sample, j))
            {
                edges++;
                continue;
            }
            var owners = sample.Figure.Parts.Where(p => p.Joints.Contains(j)).ToList();
            var others = sample.Figure.Parts.Except(owners).SelectMany(p => p.Colors);
            var shown = PixelAt(sample.Image, sample.Label.Joints[j]);
            Assert.True(others.Any(c => Distance(c, shown) <= Tolerance), $"image {i} {MpiiJoints.Names[j]}: pixel {shown} is not another part's colour");
            Assert.NotEqual(BackgroundPainter.Plain, shown);

            using var ownersOnly = RenderParts(sample.Figure with { Parts = owners });
            var bare = PixelAt(ownersOnly, sample.Label.Joints[j]);
            Assert.True(owners.SelectMany(p => p.Colors).Any(c => Distance(c, bare) <= Tolerance), $"image {i} {MpiiJoints.Names[j]}: not on its own limb");
        }
        Assert.True(occluded - edges > Samples / 2 && edges < occluded / 2, $"{occluded} occluded joints in {Samples} images, {edges} on part edges");
    }

    [Fact]
    public void Joints_outside_the_image_and_only_those_have_visibility_zero()
    {
        int outside = 0;
        for (int i = 0; i < Samples; i++)
        {
            using var sample = SampleRenderer.Render(Plain, i);
            for (int j = 0; j < MpiiJoints.Count; j++)
            {
                var p = sample.Label.Joints[j];
                bool inside = p.X >= 0 && p.X < Plain.Size && p.Y >= 0 && p.Y < Plain.Size;
                Assert.Equal(!inside, sample.Label.Visibility[j] == 0);
                if (!inside) outside++;
            }
        }
        Assert.True(outside > 0, "no truncated person in the sample");
    }

    [Fact]
    public void Boxes_contain_their_joints()
    {
        for (int i = 0; i < Samples; i++)
        {
            using var sample = SampleRenderer.Render(Plain, i);
            var label = sample.Label;
            Assert.True(label.Box is { Left: >= 0, Top: >= 0 } && label.Box.Right <= Plain.Size && label.Box.Bottom <= Plain.Size, $"image {i}: bbox {label.Box} leaves the image");
            for (int j = 0; j < MpiiJoints.Count; j++)
                if (label.Visibility[j] > 0) Assert.True(label.Box.Contains(label.Joints[j]), $"image {i}: bbox misses {MpiiJoints.Names[j]}");
            Assert.True(label.HeadBox.Contains(label.Joints[MpiiSkeleton.HeadTop]), $"image {i}: head box misses head_top");
            Assert.True(label.HeadBox.Contains(label.Joints[MpiiSkeleton.UpperNeck]), $"image {i}: head box misses upper_neck");
        }
    }

    [Fact]
    public void A_plain_background_leaves_person_and_labels_unchanged()
    {
        var cluttered = Plain with { Background = SyntheticBackground.Cluttered, Noise = true };
        for (int i = 0; i < 20; i++)
        {
            using var a = SampleRenderer.Render(Plain, i);
            using var b = SampleRenderer.Render(cluttered, i);
            Assert.Equal(a.Label.Joints, b.Label.Joints);
            Assert.Equal(a.Label.Visibility, b.Label.Visibility);
            Assert.Equal(a.Label.Box, b.Label.Box);
        }
    }

    /// <summary>Renders the samples and yields (image index, sample, joint) for each joint of the given visibility.</summary>
    private static IEnumerable<(int Image, RenderedPose Sample, int Joint)> JointsWithVisibility(int visibility)
    {
        for (int i = 0; i < Samples; i++)
        {
            using var sample = SampleRenderer.Render(Plain, i);
            for (int j = 0; j < MpiiJoints.Count; j++)
                if (sample.Label.Visibility[j] == visibility) yield return (i, sample, j);
        }
    }

    /// <summary>Whether the joint's pixel touches another part or the background, where anti-aliasing blends colours.</summary>
    private static bool OnPartEdge(RenderedPose sample, int joint)
    {
        int size = sample.Image.Width, x = (int)sample.Label.Joints[joint].X, y = (int)sample.Label.Joints[joint].Y;
        int id = sample.PartMap[y * size + x];
        foreach (var (dx, dy) in new[] { (-1, 0), (1, 0), (0, -1), (0, 1) })
        {
            int nx = Math.Clamp(x + dx, 0, size - 1), ny = Math.Clamp(y + dy, 0, size - 1);
            if (sample.PartMap[ny * size + nx] != id) return true;
        }
        return false;
    }

    private static SKBitmap RenderParts(Figure figure)
    {
        var bitmap = new SKBitmap(new SKImageInfo(Plain.Size, Plain.Size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(BackgroundPainter.Plain);
        FigurePainter.Paint(canvas, figure);
        return bitmap;
    }

    private static SKColor PixelAt(SKBitmap image, SKPoint p) => image.GetPixel((int)p.X, (int)p.Y);

    private static int Distance(SKColor a, SKColor b) =>
        Math.Max(Math.Abs(a.Red - b.Red), Math.Max(Math.Abs(a.Green - b.Green), Math.Abs(a.Blue - b.Blue)));
}
