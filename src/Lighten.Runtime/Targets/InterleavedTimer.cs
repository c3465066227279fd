using Lighten.Core.Onnx;

namespace Lighten.Runtime;

/// <summary>
/// Times several calibration models in interleaved rounds, one session each, so that a burst of other work on the
/// machine slows them all alike; a model's time is the median over the rounds of its median run. A model ONNX Runtime
/// cannot load is left out.
/// </summary>
internal sealed class InterleavedTimer : IDisposable
{
    private readonly List<(string Name, ModelSession Session)> _sessions = [];

    public InterleavedTimer(string folder, IEnumerable<CalibrationModels.Model> models, SessionOptionsSpec spec)
    {
        try
        {
            foreach (var model in models)
            {
                var path = Path.Combine(folder, model.Name + ".onnx");
                OnnxExporter.Save(model.Graph, path);
                try
                {
                    _sessions.Add((model.Name, ModelSession.Open(path, spec)));
                }
                catch (SessionException)
                {
                    // Not every build of ONNX Runtime runs every calibration model (INT8 kernels); that figure is then missing.
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Seconds per run of each model that loaded, by model name.</summary>
    public IReadOnlyDictionary<string, double> Seconds(int rounds, int runs)
    {
        var samples = _sessions.ToDictionary(s => s.Name, _ => new List<double>());
        for (int round = 0; round < rounds; round++)
            foreach (var (name, session) in _sessions)
                samples[name].Add(LatencyBenchmark.Measure(session, warmup: 1, runs).LatencyMs.Median / 1e3);
        return samples.ToDictionary(kv => kv.Key, kv => Statistics.Median([.. kv.Value.Order()]));
    }

    public void Dispose()
    {
        foreach (var (_, session) in _sessions) session.Dispose();
        _sessions.Clear();
    }
}
