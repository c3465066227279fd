using Lighten.Data.Pose;

namespace Lighten.Data.Tests.Pose;

public sealed class HeatmapTests
{
    // Input 64x64, heatmaps 16x16: stride 4.
    private static readonly TopDownCrop Identity = new(32, 32, 64, 64, 0, 64, 64);

    [Fact]
    public void A_keypoint_on_a_heatmap_pixel_center_peaks_at_one()
    {
        // Heatmap pixel (3, 5) stands for input point (14, 22).
        var heatmaps = new float[16 * 16];
        var weights = new float[1];
        HeatmapTarget.Encode([new Keypoint(14, 22, 2)], Identity, 16, 16, heatmaps, weights);
        Assert.Equal(1f, weights[0]);
        Assert.Equal(1f, heatmaps[5 * 16 + 3]);
        Assert.Equal(MathF.Exp(-1 / 8f), heatmaps[5 * 16 + 4], 6);
        Assert.Equal(MathF.Exp(-2 / 8f), heatmaps[6 * 16 + 4], 6);
        Assert.Equal(0f, heatmaps[5 * 16 + 10]);   // beyond 3 sigma
    }

    [Fact]
    public void Weights_are_zero_for_unlabeled_and_outside_joints()
    {
        Keypoint[] keypoints = [new(10, 10, 0), new(-3, 10, 2), new(10, 64.5f, 1), new(10, 10, 1), new(63.9f, 0, 2)];
        var heatmaps = new float[5 * 256];
        var weights = new float[5];
        HeatmapTarget.Encode(keypoints, Identity, 16, 16, heatmaps, weights);
        Assert.Equal([0f, 0f, 0f, 1f, 1f], weights);
        Assert.All(heatmaps[..768], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Encode_then_decode_recovers_keypoints_within_a_twentieth_of_a_heatmap_pixel()
    {
        var random = new Random(11);
        var crop = TopDownCrop.FromBox(new BoundingBox(20, 15, 50, 90), 64, 48).Augment(1.1f, -20);
        var keypoints = new Keypoint[16];
        for (int round = 0; round < 20; round++)
        {
            for (int j = 0; j < 16; j++)
            {
                // Points drawn in input space (away from the border so both neighbours exist), mapped to the image.
                var p = crop.ToImage(4 + random.NextSingle() * 56, 4 + random.NextSingle() * 40);
                keypoints[j] = new Keypoint(p.X, p.Y, 2);
            }
            var heatmaps = new float[16 * 12 * 16];
            HeatmapTarget.Encode(keypoints, crop, 16, 12, heatmaps, new float[16]);
            var decoded = HeatmapDecoder.Decode(heatmaps, 16, 16, 12, crop);
            for (int j = 0; j < 16; j++)
            {
                var truth = crop.ToInput(keypoints[j].X, keypoints[j].Y);
                var found = crop.ToInput(decoded[j].X, decoded[j].Y);
                Assert.InRange(Math.Abs(found.X - truth.X) / 4, 0, 0.05);
                Assert.InRange(Math.Abs(found.Y - truth.Y) / 4, 0, 0.05);
                Assert.InRange(decoded[j].Score, 0.85f, 1f);
            }
        }
    }

    [Theory]
    [InlineData(3.3, 2.6, 1.5)]
    [InlineData(4.0, 4.0, 1.0)]
    [InlineData(2.5, 5.45, 2.0)]
    [InlineData(5.2, 3.9, 0.8)]
    public void A_gaussian_peak_between_pixels_is_found_to_a_fiftieth_of_a_pixel_not_the_argmax(double cx, double cy, double sigma)
    {
        // exp(-d²/2σ²) sampled at pixel centres; the argmax alone is off by up to half a pixel on each axis.
        var map = new float[8 * 8];
        for (int y = 0; y < 8; y++)
        for (int x = 0; x < 8; x++)
            map[y * 8 + x] = (float)Math.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * sigma * sigma));
        var (px, py, score) = HeatmapDecoder.Peak(map, 8, 8);
        Assert.InRange(px, cx - 0.02, cx + 0.02);
        Assert.InRange(py, cy - 0.02, cy + 0.02);
        Assert.Equal(map.Max(), score);
    }

    [Fact]
    public void A_single_hot_pixel_or_a_peak_on_the_edge_stays_at_the_argmax_on_that_axis_and_a_broken_map_does_not_throw()
    {
        var hot = new float[8 * 8];
        hot[2 * 8 + 3] = 0.9f;
        Assert.Equal((3f, 2f, 0.9f), HeatmapDecoder.Peak(hot, 8, 8));

        // Peak on column 0: x is not refined; y moves toward the higher lower neighbour (0.6 below, 0.2 above).
        var edge = new float[8 * 8];
        edge[4 * 8] = 0.9f;
        edge[5 * 8] = 0.6f;
        edge[3 * 8] = 0.2f;
        var (x, y, _) = HeatmapDecoder.Peak(edge, 8, 8);
        Assert.Equal(0f, x);
        Assert.InRange(y, 4.01f, 4.5f);

        var broken = Enumerable.Repeat(float.NaN, 64).ToArray();
        Assert.Equal((0f, 0f), (HeatmapDecoder.Peak(broken, 8, 8).X, HeatmapDecoder.Peak(broken, 8, 8).Y));
    }

    [Fact]
    public void Decode_maps_the_refined_peak_back_through_the_crop()
    {
        // Input 32x32 with 8x8 heatmaps (stride 4); the crop doubles: image = 2 x input. A single hot pixel stays put.
        var heatmaps = new float[2 * 8 * 8];
        heatmaps[2 * 8 + 3] = 0.9f;
        heatmaps[64 + 4 * 8 + 6] = 0.7f;
        var crop = new TopDownCrop(32, 32, 64, 64, 0, 32, 32);
        var decoded = HeatmapDecoder.Decode(heatmaps, 2, 8, 8, crop);
        Assert.Equal(new PredictedKeypoint((3 + 0.5f) * 8, (2 + 0.5f) * 8, 0.9f), decoded[0]);
        Assert.Equal(new PredictedKeypoint((6 + 0.5f) * 8, (4 + 0.5f) * 8, 0.7f), decoded[1]);
    }
}
