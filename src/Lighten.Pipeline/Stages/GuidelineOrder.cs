using Lighten.Pipeline.Measure;

namespace Lighten.Pipeline.Stages;

/// <summary>A place in the guideline's order.</summary>
/// <param name="Id">The step.</param>
/// <param name="Early">G5 placed before G3 (only when memory is the binding requirement).</param>
public sealed record StepSlot(string Id, bool Early = false);

/// <summary>
/// The order and decisions of the guideline's Figure 9: G1 → G2 → (G5 first when memory is the binding requirement)
/// → G3 → (G4 when G3 was not kept: it lost too much accuracy or the target lacks INT8) → G5.
/// </summary>
public static class GuidelineOrder
{
    /// <summary>The slots in order.</summary>
    public static IReadOnlyList<StepSlot> Slots { get; } =
        [new("G1"), new("G2"), new("G5", Early: true), new("G3"), new("G4"), new("G5")];

    /// <summary>Whether <paramref name="slot"/> takes a row at all here (the early G5 only when memory binds; G5 only once).</summary>
    public static bool Applies(StepSlot slot, StageContext context)
    {
        if (slot.Early) return MemoryBinds(context);
        return !(slot.Id == "G5" && context.Stage("G5") is not null);
    }

    /// <summary>Why the order skips a slot that takes a row, or null when the step is due.</summary>
    public static string? OrderReason(StepSlot slot, StageContext context)
    {
        if (slot.Id != "G4") return null;
        return context.Stage("G3") is { Decision: StageDecision.Kept }
            ? "not needed: G3 kept INT8 within its accuracy bound (Figure 9 calls G4 when G3 loses too much accuracy or the target lacks INT8)"
            : null;
    }

    /// <summary>Memory binds when a peak-memory requirement is set and the current model exceeds it.</summary>
    public static bool MemoryBinds(StageContext context) =>
        context.Config.Requirements.MaxMemoryMB is double limit && context.Current is StageFigures f && f.MemoryMB > limit;
}
