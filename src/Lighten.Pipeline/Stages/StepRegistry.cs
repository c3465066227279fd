namespace Lighten.Pipeline.Stages;

/// <summary>The guideline's steps by id; adding a step is adding one class here.</summary>
public sealed class StepRegistry
{
    private readonly Dictionary<string, IGuidelineStep> _steps = new(StringComparer.Ordinal);

    /// <summary>The steps available in this build.</summary>
    public static StepRegistry Default { get; } = new StepRegistry()
        .Add(new BackboneSwapStep())
        .Add(new FactorizeStep())
        .Add(new QuantizeStep())
        .Add(new Fp16Step())
        .Add(new PruneStep());

    /// <summary>Registers <paramref name="step"/> under its id (replacing one of the same id).</summary>
    public StepRegistry Add(IGuidelineStep step)
    {
        _steps[step.Id] = step;
        return this;
    }

    /// <summary>The step with <paramref name="id"/>, or null when this build has none.</summary>
    public IGuidelineStep? Find(string id) => _steps.GetValueOrDefault(id);

    /// <summary>The registered ids.</summary>
    public IEnumerable<string> Ids => _steps.Keys;
}
