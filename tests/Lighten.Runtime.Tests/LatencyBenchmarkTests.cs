using Lighten.Core;

namespace Lighten.Runtime.Tests;

public class LatencyBenchmarkTests
{
    [Theory]
    [InlineData(TestFiles.MobileNet)]
    [InlineData(TestFiles.TinyPose)]
    public void Returns_consistent_statistics(string model)
    {
        var result = LatencyBenchmark.Run(TestFiles.Data(model), new SessionOptionsSpec { IntraOpThreads = 1 }, warmup: 2, runs: 7);
        Assert.Equal(7, result.Runs);
        Assert.Equal(2, result.Warmup);
        Assert.Equal(1, result.Threads);
        Assert.Equal(7, result.SamplesMs.Count);
        Assert.Equal(7, result.LatencyMs.Count);
        Assert.True(result.InitMs > 0);
        var s = result.LatencyMs;
        Assert.True(s.Min > 0);
        Assert.True(s.Min <= s.Median && s.Median <= s.P90 && s.P90 <= result.SamplesMs.Max());
        Assert.InRange(s.Mean, s.Min, result.SamplesMs.Max());
        Assert.True(s.StdDev >= 0);
    }

    [Fact]
    public void Bad_run_counts_are_option_errors()
    {
        var path = TestFiles.Data(TestFiles.MobileNet);
        Assert.Throws<OptionException>(() => LatencyBenchmark.Run(path, null, warmup: -1, runs: 5));
        Assert.Throws<OptionException>(() => LatencyBenchmark.Run(path, null, warmup: 0, runs: 0));
    }

    [Fact]
    public void Inputs_fix_symbolic_batch_and_are_seeded()
    {
        using var session = ModelSession.Open(TestFiles.Data(TestFiles.MobileNet), new SessionOptionsSpec { IntraOpThreads = 1 });
        using var a = InputTensors.Create(session.Inputs, session.Path, batch: 1, seed: 5);
        using var b = InputTensors.Create(session.Inputs, session.Path, batch: 4, seed: 5);
        Assert.Equal([1L, 3, 96, 96], a.Shapes[0]);
        Assert.Equal([4L, 3, 96, 96], b.Shapes[0]);
        Assert.Equal(1, a.Symbols["batch"]);
        Assert.Equal([4L, 10], b.Resolve(session.Outputs[0])!);
        var x = a.Values[0].GetTensorDataAsSpan<float>();
        var y = b.Values[0].GetTensorDataAsSpan<float>();
        Assert.True(x.SequenceEqual(y[..x.Length]));
        Assert.All(x.ToArray(), v => Assert.InRange(v, -1f, 1f));
    }
}
