using Lighten.Data.Metrics;
using Lighten.Data.Pose;

namespace Lighten.Data.Tests.Metrics;

public sealed class PckToleranceTests
{
    private static PersonAnnotation Person(long id, BoundingBox box, BoundingBox head, int visibility = 2) =>
        new(id, 1, box, 100, false, [new(box.CenterX, box.CenterY, visibility)], head);

    [Fact]
    public void The_threshold_is_scaled_by_each_persons_crop_and_the_median_taken()
    {
        var meter = new PckMeter(1, PckNormalization.HeadSize);
        // Box 80 wide, 100 tall: the square crop is 100 x 1.25 = 125 image pixels for a 64-pixel input (scale 0.512).
        // Head box 30x40: head size 30, PCKh@0.5 threshold 15 image pixels = 7.68 input pixels.
        var tall = Person(1, new BoundingBox(0, 0, 80, 100), BoundingBox.FromCorners(0, 0, 30, 40));
        // Box 200 wide, 50 tall: crop 250 image pixels (scale 0.256); head box 3x4: threshold 1.5 = 0.384 input pixels.
        var wide = Person(2, new BoundingBox(0, 0, 200, 50), new BoundingBox(0, 0, 3, 4));
        // The same as tall but with no labeled joint: left out.
        var unlabeled = Person(3, new BoundingBox(0, 0, 10, 10), new BoundingBox(0, 0, 300, 400), visibility: 0);

        Assert.Equal(7.68, PckTolerance.MedianInputPixels(meter, [tall], 64, 64)!.Value, 5);
        Assert.Equal((7.68 + 0.384) / 2, PckTolerance.MedianInputPixels(meter, [tall, wide, unlabeled], 64, 64)!.Value, 5);
        Assert.Equal(0.384, PckTolerance.MedianInputPixels(meter, [tall, wide, wide], 64, 64)!.Value, 5);
        Assert.Null(PckTolerance.MedianInputPixels(meter, [unlabeled], 64, 64));
    }
}
