using Lighten.Data.Imaging;
using SkiaSharp;

namespace Lighten.Data.Tests.Imaging;

public sealed class NormalizeTests
{
    private static float[] Run(Preprocess spec)
    {
        using var image = TestImages.Uniform(3, 3, new SKColor(10, 20, 30));
        var chw = new float[spec.ElementCount];
        spec.WriteTensor(image, chw);
        return chw;
    }

    [Fact]
    public void Default_scale_maps_bytes_to_unit_range()
    {
        var chw = Run(new Preprocess(2, 2));
        Assert.Equal(10 / 255f, chw[0], 6);
        Assert.Equal(20 / 255f, chw[4], 6);
        Assert.Equal(30 / 255f, chw[8], 6);
    }

    [Fact]
    public void Scale_mean_and_std_apply_per_channel()
    {
        // R: (10*0.5 - 1) / 2 = 2, G: (20*0.5 - 2) / 4 = 2, B: (30*0.5 - 3) / 5 = 2.4
        var spec = new Preprocess(2, 2) { Scale = 0.5f, Mean = [1, 2, 3], Std = [2, 4, 5] };
        var chw = Run(spec);
        Assert.Equal([2f, 2f, 2f, 2f], chw[0..4]);
        Assert.Equal([2f, 2f, 2f, 2f], chw[4..8]);
        Assert.All(chw[8..12], v => Assert.Equal(2.4f, v, 5));
    }

    [Fact]
    public void Bgr_swaps_the_first_and_last_planes_with_their_own_mean_and_std()
    {
        // Mean/std stay in R, G, B order: plane 0 holds blue normalized with the blue mean/std.
        var spec = new Preprocess(2, 2) { Scale = 1, Mean = [0, 0, 10], Std = [1, 1, 4], Bgr = true };
        var chw = Run(spec);
        Assert.Equal(5f, chw[0]);   // (30 - 10) / 4
        Assert.Equal(20f, chw[4]);
        Assert.Equal(10f, chw[8]);
    }

    [Fact]
    public void Shape_and_element_count_follow_the_size()
    {
        var spec = new Preprocess(224, 160);
        Assert.Equal([1, 3, 160, 224], spec.Shape);
        Assert.Equal(3 * 224 * 160, spec.ElementCount);
    }
}
