using Lighten.Data.Metrics;
using Lighten.Data.Pose;

namespace Lighten.Data.Tests.Metrics;

/// <summary>The mean-pose guesser on hand-made sets: the learned box-relative means, and its PCKh worked out by hand.</summary>
public sealed class MeanPoseGuessTests
{
    private static readonly string[] Names = ["head", "foot"];

    private static CocoKeypointsDataset Set(params PersonAnnotation[] people) =>
        new("mem.json", [new CocoImage(1, "a.png", 100, 100)], people, Names, []);

    private static PersonAnnotation Person(long id, BoundingBox box, Keypoint head, Keypoint foot, BoundingBox? headBox = null) =>
        new(id, 1, box, box.Width * box.Height, false, [head, foot], headBox ?? new BoundingBox(0, 0, 6, 8));

    [Fact]
    public void Learns_each_joints_average_place_in_the_box_over_labeled_joints_only()
    {
        var train = Set(
            Person(1, new BoundingBox(0, 0, 10, 20), new Keypoint(5, 2, 2), new Keypoint(4, 20, 2)),
            Person(2, new BoundingBox(10, 10, 20, 40), new Keypoint(20, 14, 1), new Keypoint(0, 0, 0)));
        var mean = MeanPoseGuess.Learn(train);
        // head: (0.5, 0.1) and (0.5, 0.1); foot: only the first person's (0.4, 1.0).
        Assert.Equal(0.5, mean[0].X, 12);
        Assert.Equal(0.1, mean[0].Y, 12);
        Assert.Equal(0.4, mean[1].X, 12);
        Assert.Equal(1.0, mean[1].Y, 12);
    }

    [Fact]
    public void Scores_the_guess_with_the_validation_sets_pckh()
    {
        var train = Set(Person(1, new BoundingBox(0, 0, 10, 20), new Keypoint(5, 2, 2), new Keypoint(4, 20, 2)));
        // Head box 6x8: diagonal 10, head size 6, threshold 3. The guess for box (0, 0, 20, 20) is head (10, 2), foot (8, 20).
        var val = Set(
            Person(2, new BoundingBox(0, 0, 20, 20), new Keypoint(10, 5, 2), new Keypoint(8, 23.5f, 2)),   // head 3 away: hit; foot 3.5: miss
            Person(3, new BoundingBox(0, 0, 20, 20), new Keypoint(13, 6, 2), new Keypoint(0, 0, 0)));       // head 5 away: miss; foot unlabeled
        Assert.Equal(1.0 / 3, MeanPoseGuess.Score(train, val), 12);
    }
}
