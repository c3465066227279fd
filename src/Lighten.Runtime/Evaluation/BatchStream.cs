using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Lighten.Runtime;

/// <summary>
/// Streams a dataset through a consumer: worker threads decode and preprocess samples into batches while the
/// caller's thread consumes earlier ones (runs inference). Batches travel through a bounded channel and their
/// buffers are recycled, so at most <see cref="BatchStreamOptions.Capacity"/> + workers + 1 batches exist at
/// once, whatever the dataset's size.
/// </summary>
public static class BatchStream
{
    /// <summary>
    /// Prepares samples 0..<paramref name="count"/>-1 with <paramref name="prepare"/> (which writes sample i into the span and
    /// returns its context) and hands batches, in no guaranteed order, to <paramref name="consume"/> on the calling thread.
    /// A sample whose preparation throws an exception accepted by <paramref name="skip"/> is left out and counted; any other
    /// failure stops the stream and is rethrown.
    /// </summary>
    /// <returns>The number of samples left out.</returns>
    public static int Run<TContext>(int count, int sampleLength, BatchStreamOptions options,
        Func<int, Span<float>, TContext> prepare, Action<PreparedBatch<TContext>> consume,
        Func<Exception, bool>? skip = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (count <= 0) return 0;
        int workers = Math.Clamp(options.Workers, 1, (count + options.BatchSize - 1) / options.BatchSize);
        var ready = Channel.CreateBounded<PreparedBatch<TContext>>(new BoundedChannelOptions(options.Capacity) { SingleReader = true });
        var free = Channel.CreateUnbounded<PreparedBatch<TContext>>();
        for (int i = 0; i < options.Capacity + workers + 1; i++) free.Writer.TryWrite(new PreparedBatch<TContext>(options.BatchSize, sampleLength));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int next = -1, skipped = 0;
        Exception? failure = null;

        async Task Produce()
        {
            try
            {
                while (true)
                {
                    var batch = await free.Reader.ReadAsync(stop.Token).ConfigureAwait(false);
                    batch.Count = 0;
                    while (batch.Count < options.BatchSize)
                    {
                        stop.Token.ThrowIfCancellationRequested();
                        int index = Interlocked.Increment(ref next);
                        if (index >= count) break;
                        try
                        {
                            batch.Contexts[batch.Count] = prepare(index, batch.Sample(batch.Count));
                        }
                        catch (Exception e) when (skip is not null && skip(e))
                        {
                            Interlocked.Increment(ref skipped);
                            continue;
                        }
                        batch.Indices[batch.Count++] = index;
                    }
                    if (batch.Count > 0) await ready.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                    if (batch.Count < options.BatchSize) return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                stop.Cancel();
            }
        }

        var producers = Enumerable.Range(0, workers).Select(_ => Task.Run(Produce)).ToArray();
        var allProduced = Task.WhenAll(producers).ContinueWith(_ => ready.Writer.TryComplete(), TaskScheduler.Default);
        try
        {
            var reader = ready.Reader;
            while (reader.WaitToReadAsync(stop.Token).AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var batch))
                {
                    consume(batch);
                    free.Writer.TryWrite(batch);
                }
            }
        }
        catch (OperationCanceledException) when (failure is not null)
        {
        }
        finally
        {
            stop.Cancel();
            allProduced.GetAwaiter().GetResult();
        }
        if (failure is not null) ExceptionDispatchInfo.Capture(failure).Throw();
        cancellationToken.ThrowIfCancellationRequested();
        return skipped;
    }
}
