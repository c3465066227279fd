using System.Collections.Concurrent;

namespace Lighten.Runtime.Tests;

public class BatchStreamTests
{
    private static float[] Fill(int index, Span<float> slot)
    {
        slot.Fill(index);
        return [index];
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(3, 2)]
    public void Every_sample_arrives_once_with_its_data_in_bounded_buffers(int batchSize, int workers)
    {
        var options = new BatchStreamOptions { BatchSize = batchSize, Workers = workers, Capacity = 2 };
        var seen = new List<int>();
        var buffers = new HashSet<float[]>(ReferenceEqualityComparer.Instance);
        int skipped = BatchStream.Run(23, 5, options, Fill, batch =>
        {
            Assert.InRange(batch.Count, 1, batchSize);
            buffers.Add(batch.Data);
            for (int i = 0; i < batch.Count; i++)
            {
                Assert.All(batch.Sample(i).ToArray(), v => Assert.Equal(batch.Indices[i], v));
                Assert.Equal(batch.Indices[i], batch.Contexts[i][0]);
                seen.Add(batch.Indices[i]);
            }
        });
        Assert.Equal(0, skipped);
        Assert.Equal(Enumerable.Range(0, 23), seen.Order());
        Assert.True(buffers.Count <= options.Capacity + workers + 1, $"{buffers.Count} buffers");
    }

    [Fact]
    public void Skipped_samples_are_counted_and_left_out()
    {
        var seen = new ConcurrentBag<int>();
        int skipped = BatchStream.Run(10, 2, new BatchStreamOptions { BatchSize = 4 },
            (i, slot) => i is 3 or 7 ? throw new FormatException($"bad {i}") : Fill(i, slot),
            batch => { for (int i = 0; i < batch.Count; i++) seen.Add(batch.Indices[i]); },
            skip: e => e is FormatException);
        Assert.Equal(2, skipped);
        Assert.Equal([0, 1, 2, 4, 5, 6, 8, 9], seen.Order());
    }

    [Fact]
    public void A_preparation_failure_stops_the_stream_and_is_rethrown()
    {
        int consumed = 0;
        var e = Assert.Throws<FormatException>(() => BatchStream.Run(1000, 2, new BatchStreamOptions { Workers = 2 },
            (i, slot) => i == 5 ? throw new FormatException("bad 5") : Fill(i, slot),
            batch => consumed++));
        Assert.Equal("bad 5", e.Message);
        Assert.True(consumed < 1000);
    }

    [Fact]
    public void A_consumer_failure_is_rethrown()
    {
        var e = Assert.Throws<InvalidOperationException>(() => BatchStream.Run(100, 2, new BatchStreamOptions(),
            Fill, batch => throw new InvalidOperationException("inference failed")));
        Assert.Equal("inference failed", e.Message);
    }

    [Fact]
    public void Empty_dataset_consumes_nothing()
    {
        Assert.Equal(0, BatchStream.Run<float[]>(0, 2, new BatchStreamOptions(), Fill, _ => Assert.Fail("no batch expected")));
    }
}
