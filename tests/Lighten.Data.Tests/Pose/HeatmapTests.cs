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
    public void Encode_then_decode_recovers_keypoints_within_a_quarter_heatmap_pixel()
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
                Assert.InRange(Math.Abs(found.X - truth.X) / 4, 0, 0.2501);
                Assert.InRange(Math.Abs(found.Y - truth.Y) / 4, 0, 0.2501);
                Assert.InRange(decoded[j].Score, 0.85f, 1f);
            }
        }
    }

    [Fact]
    public void Decoder_moves_a_quarter_pixel_toward_the_higher_neighbour_and_maps_back()
    {
        var heatmaps = new float[2 * 8 * 8];
        // Joint 0: peak 0.9 at (3, 2), right neighbour 0.5 > left 0.2, upper 0.4 > lower 0.1.
        heatmaps[2 * 8 + 3] = 0.9f;
        heatmaps[2 * 8 + 4] = 0.5f;
        heatmaps[2 * 8 + 2] = 0.2f;
        heatmaps[1 * 8 + 3] = 0.4f;
        heatmaps[3 * 8 + 3] = 0.1f;
        // Joint 1: peak on the border column 0, not refined horizontally; equal vertical neighbours.
        heatmaps[64 + 4 * 8] = 0.7f;
        heatmaps[64 + 4 * 8 + 1] = 0.3f;

        // Input 32x32 with 8x8 heatmaps (stride 4); the crop doubles: image = 2 x input.
        var crop = new TopDownCrop(32, 32, 64, 64, 0, 32, 32);
        var decoded = HeatmapDecoder.Decode(heatmaps, 2, 8, 8, crop);
        Assert.Equal(new PredictedKeypoint((3.25f + 0.5f) * 8, (1.75f + 0.5f) * 8, 0.9f), decoded[0]);
        Assert.Equal(new PredictedKeypoint(0.5f * 8, 4.5f * 8, 0.7f), decoded[1]);
    }
}
