using System.Collections.Concurrent;

namespace Lighten.Training.Trainer;

/// <summary>
/// Decodes batches on worker threads while the caller trains on earlier ones. Batches come out in order (so that a
/// seeded run is reproducible whatever the threads do); at most <c>prefetch</c> batches are decoded or waiting at
/// once, and their buffers are recycled, so memory stays flat.
/// </summary>
internal static class BatchLoader
{
    /// <summary>Writes sample <c>index</c> into an input row and a target row.</summary>
    public delegate void WriteSample(int index, Span<float> input, Span<float> target);

    /// <summary>
    /// The batches of <paramref name="order"/> (sample indices, in the order to train on them), <paramref name="batchSize"/>
    /// at a time, the last one possibly smaller. A batch handed out stays valid until the next is requested. A failure
    /// to decode a sample is rethrown when its batch is reached.
    /// </summary>
    public static IEnumerable<HostBatch> Run(IReadOnlyList<int> order, int batchSize, int inputLength, int targetLength,
        int workers, int prefetch, WriteSample write, CancellationToken cancellationToken)
    {
        int batches = (order.Count + batchSize - 1) / batchSize;
        var pool = new ConcurrentBag<HostBatch>();
        var gate = new SemaphoreSlim(workers);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        HostBatch Prepare(int b)
        {
            gate.Wait(stop.Token);
            try
            {
                if (!pool.TryTake(out var batch)) batch = new HostBatch(batchSize, inputLength, targetLength);
                int first = b * batchSize;
                batch.Count = Math.Min(batchSize, order.Count - first);
                for (int i = 0; i < batch.Count; i++)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    batch.Indices[i] = order[first + i];
                    write(order[first + i], batch.Input(i), batch.Target(i));
                }
                return batch;
            }
            finally
            {
                gate.Release();
            }
        }

        var pending = new Queue<Task<HostBatch>>();
        int next = 0;
        HostBatch? previous = null;
        try
        {
            while (next < batches && pending.Count < prefetch)
            {
                int b = next++;
                pending.Enqueue(Task.Run(() => Prepare(b), stop.Token));
            }
            while (pending.Count > 0)
            {
                var batch = pending.Dequeue().GetAwaiter().GetResult();
                if (previous is not null) pool.Add(previous);
                if (next < batches)
                {
                    int b = next++;
                    pending.Enqueue(Task.Run(() => Prepare(b), stop.Token));
                }
                previous = batch;
                yield return batch;
            }
        }
        finally
        {
            // Stop the workers and wait for them, so that none writes into a buffer or reads a dataset after the run ends.
            stop.Cancel();
            foreach (var task in pending)
            {
                try
                {
                    task.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // The batch is abandoned; its error (or cancellation) no longer matters.
                }
            }
            gate.Dispose();
        }
    }
}
