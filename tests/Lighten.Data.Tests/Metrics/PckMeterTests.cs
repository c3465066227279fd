using Lighten.Data.Metrics;
using Lighten.Data.Pose;

namespace Lighten.Data.Tests.Metrics;

public sealed class PckMeterTests
{
    private static PersonAnnotation Person(long id, Keypoint[] keypoints, BoundingBox? head, BoundingBox? box = null) =>
        new(id, 1, box ?? new BoundingBox(0, 0, 10, 10), 100, false, keypoints, head);

    private static PredictedKeypoint[] Shifted(Keypoint[] truth, params (float Dx, float Dy)[] offsets) =>
        truth.Select((k, j) => new PredictedKeypoint(k.X + offsets[j].Dx, k.Y + offsets[j].Dy, 1)).ToArray();

    [Fact]
    public void Pckh_counts_labeled_joints_within_half_the_head_size()
    {
        var meter = new PckMeter(6, PckNormalization.HeadSize);
        Assert.Equal("PCKh@0.5", meter.Name);

        // Head box 30x40: diagonal 50, head size 0.6 x 50 = 30, threshold 15.
        Keypoint[] first = [new(100, 100, 2), new(100, 100, 2), new(50, 60, 2), new(50, 60, 1), new(0, 0, 0), new(70, 20, 1)];
        meter.Add(Person(1, first, BoundingBox.FromCorners(0, 0, 30, 40)), Shifted(first,
            (9, 12),        // distance exactly 15: correct
            (9, 12.01f),    // just beyond: wrong
            (14.9f, 0),     // just inside: correct
            (0, -15.1f),    // just beyond, occluded but labeled: wrong
            (500, 500),     // not labeled: not counted
            (0, 0)));       // occluded, exact: correct

        // Head box 3x4: head size 3, threshold 1.5.
        Keypoint[] second = [new(5, 5, 2), new(5, 5, 2), new(0, 0, 0), new(0, 0, 0), new(0, 0, 0), new(0, 0, 0)];
        meter.Add(Person(2, second, new BoundingBox(10, 10, 3, 4)), Shifted(second, (1.5f, 0), (0, 1.6f), (0, 0), (0, 0), (0, 0), (0, 0)));

        Assert.Equal([2, 2, 1, 1, 0, 1], meter.Counts);
        Assert.Equal([1.0, 0.0, 1.0, 0.0, 0.0, 1.0], meter.PerJoint);
        Assert.Equal(4.0 / 7, meter.Mean, 12);
    }

    [Fact]
    public void Pck_by_box_size_uses_the_longer_box_side()
    {
        var meter = new PckMeter(2, PckNormalization.BoxSize);
        Assert.Equal("PCK@0.2", meter.Name);
        // Box 50x100: threshold 0.2 x 100 = 20.
        Keypoint[] truth = [new(40, 40, 2), new(40, 40, 2)];
        meter.Add(Person(1, truth, null, new BoundingBox(0, 0, 50, 100)), Shifted(truth, (12, 16), (0, 20.5f)));
        Assert.Equal([1.0, 0.0], meter.PerJoint);
        Assert.Equal(0.5, meter.Mean);
    }

    [Fact]
    public void Pckh_without_a_head_box_names_the_annotation()
    {
        var meter = new PckMeter(1, PckNormalization.HeadSize);
        var e = Assert.Throws<DataException>(() => meter.Add(Person(42, [new(1, 1, 2)], null), [new(1, 1, 1)]));
        Assert.Contains("annotation 42", e.Message);
    }
}
