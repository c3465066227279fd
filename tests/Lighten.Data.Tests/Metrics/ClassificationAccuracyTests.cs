using Lighten.Data.Metrics;

namespace Lighten.Data.Tests.Metrics;

public sealed class ClassificationAccuracyTests
{
    private static readonly float[] Scores = [0.1f, 0.5f, 0.3f, 0.9f, 0.2f, 0.05f, 0.7f];

    [Fact]
    public void Rank_counts_strictly_higher_scores()
    {
        Assert.Equal(0, ClassificationAccuracy.Rank(Scores, 3));
        Assert.Equal(3, ClassificationAccuracy.Rank(Scores, 2));   // 0.9, 0.7, 0.5 are higher
        Assert.Equal(6, ClassificationAccuracy.Rank(Scores, 5));
        Assert.Equal(1, ClassificationAccuracy.Rank([1f, 1f, 0f], 1));   // a tie goes to the lower class index, as argmax
        Assert.Equal(0, ClassificationAccuracy.Rank([1f, 1f, 0f], 0));
        Assert.Equal(2, ClassificationAccuracy.Rank([0.5f, 0.5f, 0.5f], 2));   // a constant output is not top-1 for every class
        Assert.Equal(2, ClassificationAccuracy.Rank([1f, float.NaN], 1));
        Assert.True(ClassificationAccuracy.IsInTopK(Scores, 2, 5));
        Assert.False(ClassificationAccuracy.IsInTopK(Scores, 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationAccuracy.Rank(Scores, 7));
    }

    [Fact]
    public void Top1_and_top5_over_samples()
    {
        var accuracy = new ClassificationAccuracy();
        accuracy.Add(Scores, 3);   // top-1
        accuracy.Add(Scores, 2);   // rank 3: top-5 only
        accuracy.Add(Scores, 4);   // rank 4 (0.9, 0.7, 0.5, 0.3): top-5 only
        accuracy.Add(Scores, 5);   // rank 6: neither
        Assert.Equal(4, accuracy.Count);
        Assert.Equal(0.25, accuracy.Top1);
        Assert.Equal(0.75, accuracy.Top5);
        Assert.Equal(0, new ClassificationAccuracy().Top1);
    }
}
