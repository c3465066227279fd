using Lighten.Core;
using Lighten.Training.Trainer;

namespace Lighten.Training.Tests.Trainer;

public class TrainingResultTests
{
    private static EpochSummary Epoch(int epoch, double metric) => new(epoch, 0.01, metric, 1e-3, 1, 1, 10, IsBest: true);

    [Fact]
    public void CurveListsEveryEpochInPercent()
    {
        var result = new TrainingResult(new Graph(), "PCKh@0.5", 0.1403, 2, [Epoch(0, 0.029), Epoch(1, 0.11964), Epoch(2, 0.1403)],
            StopReason.Completed, "trained 2 epochs; kept epoch 2 (PCKh@0.5 0.1403)", 0);
        Assert.Equal("PCKh@0.5 % per epoch: 0 → 2.90, 1 → 11.96, 2 → 14.03", result.Curve);
        Assert.Equal("trained 2 epochs; kept epoch 2 (PCKh@0.5 0.1403); PCKh@0.5 % per epoch: 0 → 2.90, 1 → 11.96, 2 → 14.03", result.Summary);
    }

    [Fact]
    public void WithoutHistoryTheSummaryIsTheMessage()
    {
        var result = new TrainingResult(new Graph(), "top-1", null, 0, [], StopReason.Completed, "trained 0 epochs", 0);
        Assert.Equal("", result.Curve);
        Assert.Equal("trained 0 epochs", result.Summary);
    }
}
