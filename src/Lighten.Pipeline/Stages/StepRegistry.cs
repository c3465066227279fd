namespace Lighten.Pipeline.Stages;

/// <summary>
/// The guideline's steps by id, one for every step of <see cref="GuidelineOrder.Slots"/>: a registry starts with every
/// step of this build and <see cref="Add"/> only replaces one, so a slot always has a step to run.
/// </summary>
public sealed class StepRegistry
{
    private readonly Dictionary<string, IGuidelineStep> _steps = new(StringComparer.Ordinal);

    /// <summary>A registry of every step of this build.</summary>
    public StepRegistry()
    {
        foreach (var step in (IGuidelineStep[])[new BackboneSwapStep(), new FactorizeStep(), new QuantizeStep(), new Fp16Step(), new PruneStep()])
            _steps[step.Id] = step;
        var missing = GuidelineOrder.Slots.Select(s => s.Id).Where(id => !_steps.ContainsKey(id)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"no step implements {string.Join(", ", missing)}");
    }

    /// <summary>The steps of this build.</summary>
    public static StepRegistry Default { get; } = new();

    /// <summary>Replaces the step of the same id by <paramref name="step"/> (tests put fakes in).</summary>
    /// <exception cref="ArgumentException">No step of the guideline has <paramref name="step"/>'s id.</exception>
    public StepRegistry Add(IGuidelineStep step)
    {
        if (!_steps.ContainsKey(step.Id)) throw new ArgumentException($"'{step.Id}' is not a step of the guideline", nameof(step));
        _steps[step.Id] = step;
        return this;
    }

    /// <summary>The step with <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException"><paramref name="id"/> is not a step of the guideline.</exception>
    public IGuidelineStep Find(string id) => _steps[id];
}
