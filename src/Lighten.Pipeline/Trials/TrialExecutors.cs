using Lighten.Core;

namespace Lighten.Pipeline.Trials;

/// <summary>
/// The executors by kind: <c>inprocess</c>, <c>local</c> and <c>slurm</c> are built in; another (a Kubernetes Indexed Job
/// executor, docs/trials.md) registers its factory here once, and every pipeline naming its kind gets it.
/// </summary>
public static class TrialExecutors
{
    /// <summary>Builds an executor from the pipeline's settings, the command that runs <c>lighten trial</c> and the run's observer.</summary>
    public delegate ITrialExecutor Factory(ExecutorSettings settings, TrialCommand command, Stages.IPipelineObserver observer);

    private static readonly Dictionary<string, Factory> Factories = new(StringComparer.Ordinal)
    {
        ["inprocess"] = (_, _, observer) => new InProcessTrialExecutor(observer),
        ["local"] = (s, c, _) => new LocalTrialExecutor(c, s.Parallel),
        [Slurm.SlurmExecutor.KindName] = (s, c, _) => new Slurm.SlurmExecutor(c, s),
    };

    private static readonly Lock Gate = new();

    /// <summary>Registers (or replaces) the factory of <paramref name="kind"/>.</summary>
    public static void Register(string kind, Factory factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(factory);
        lock (Gate) Factories[kind] = factory;
    }

    /// <summary>The executor <paramref name="settings"/> name.</summary>
    /// <exception cref="OptionException">No executor of that kind in this build.</exception>
    public static ITrialExecutor Create(ExecutorSettings settings, TrialCommand command, Stages.IPipelineObserver observer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Factory? factory;
        lock (Gate) Factories.TryGetValue(settings.Kind, out factory);
        return factory?.Invoke(settings, command, observer)
            ?? throw new OptionException($"executor kind '{settings.Kind}' is not available in this build (available: {string.Join(", ", Kinds())})");
    }

    /// <summary>The kinds with a factory.</summary>
    public static IReadOnlyList<string> Kinds()
    {
        lock (Gate) return [.. Factories.Keys.Order(StringComparer.Ordinal)];
    }
}
