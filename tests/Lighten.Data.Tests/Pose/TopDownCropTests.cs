using Lighten.Data.Pose;
using SkiaSharp;

namespace Lighten.Data.Tests.Pose;

public sealed class TopDownCropTests
{
    [Fact]
    public void Box_is_fixed_to_the_input_aspect_then_padded()
    {
        // 40x40 box, input 48x64 (aspect 0.75): the height grows to 40 / 0.75, then both sides x1.25.
        var crop = TopDownCrop.FromBox(new BoundingBox(10, 20, 40, 40), 48, 64);
        Assert.Equal(30, crop.CenterX);
        Assert.Equal(40, crop.CenterY);
        Assert.Equal(50, crop.Width, 4);
        Assert.Equal(40 / 0.75f * 1.25f, crop.Height, 4);

        // A tall box widens instead: 10x80 at aspect 0.75 -> 60x80 -> 75x100.
        var tall = TopDownCrop.FromBox(new BoundingBox(0, 0, 10, 80), 48, 64);
        Assert.Equal((75f, 100f), (tall.Width, tall.Height));
    }

    [Fact]
    public void Crop_corners_map_to_input_corners()
    {
        var crop = new TopDownCrop(50, 40, 30, 40, 0, 48, 64);
        AssertClose(new SKPoint(0, 0), crop.ToInput(35, 20));
        AssertClose(new SKPoint(48, 64), crop.ToInput(65, 60));
        AssertClose(new SKPoint(24, 32), crop.ToInput(50, 40));
    }

    [Fact]
    public void Rotation_turns_content_clockwise_on_screen()
    {
        // A point right of the center appears below the center after +90 degrees.
        var crop = new TopDownCrop(50, 50, 64, 64, 90, 64, 64);
        AssertClose(new SKPoint(32, 42), crop.ToInput(60, 50));
    }

    [Fact]
    public void The_inverse_maps_back_for_scaled_and_rotated_crops()
    {
        var crop = TopDownCrop.FromBox(new BoundingBox(12, 30, 37, 61), 64, 64).Augment(1.3f, 25);
        var random = new Random(3);
        for (int i = 0; i < 50; i++)
        {
            var p = new SKPoint(random.NextSingle() * 128, random.NextSingle() * 128);
            var q = crop.ToInput(p.X, p.Y);
            AssertClose(p, crop.ToImage(q.X, q.Y));
        }
        var identity = crop.ImageToInput.PreConcat(crop.InputToImage);
        Assert.Equal(1, identity.ScaleX, 5);
        Assert.Equal(0, identity.SkewX, 5);
        Assert.Equal(0, identity.TransX, 3);
    }

    [Fact]
    public void The_crop_matrix_feeds_the_tensor_writer()
    {
        // Stripes A B C D (2 px each, 8x8 image); a 4x4 crop centered on stripes B|C at input 2x2 sees B then C.
        using var image = TestImages.Stripes(2, 8, SKColors.Red, SKColors.Lime, SKColors.Blue, SKColors.White);
        var crop = new TopDownCrop(4, 4, 4, 4, 0, 2, 2);
        var spec = new Lighten.Data.Imaging.Preprocess(2, 2);
        var chw = new float[spec.ElementCount];
        spec.WriteTensor(image, crop.ImageToInput, chw);
        Assert.Equal([0f, 0f, 0f, 0f], chw[0..4]);          // no red
        Assert.Equal([1f, 0f, 1f, 0f], chw[4..8]);          // green on the left column
        Assert.Equal([0f, 1f, 0f, 1f], chw[8..12]);         // blue on the right column
    }

    private static void AssertClose(SKPoint expected, SKPoint actual)
    {
        Assert.Equal(expected.X, actual.X, 3);
        Assert.Equal(expected.Y, actual.Y, 3);
    }
}
