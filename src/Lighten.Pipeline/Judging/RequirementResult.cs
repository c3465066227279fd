namespace Lighten.Pipeline.Judging;

/// <summary>One requirement judged on one stage's figures.</summary>
/// <param name="Name">What is required (accuracy, accuracy drop, latency, size, memory).</param>
/// <param name="Limit">The limit, in <paramref name="Unit"/>.</param>
/// <param name="Actual">The stage's figure, in <paramref name="Unit"/>.</param>
/// <param name="Unit">The unit (%, points, ms, MB).</param>
/// <param name="AtMost">True when the figure must stay at or below the limit, false when at or above.</param>
public sealed record RequirementResult(string Name, double Limit, double Actual, string Unit, bool AtMost)
{
    /// <summary>Whether the requirement holds.</summary>
    public bool Met => AtMost ? Actual <= Limit + 1e-9 : Actual >= Limit - 1e-9;

    /// <summary>How far the figure is past the limit (positive when failed, else 0).</summary>
    public double Shortfall => Met ? 0 : Math.Abs(Actual - Limit);

    /// <summary>One line: "latency 12.3 ms ≤ 10 ms: fails by 2.3 ms (23%)".</summary>
    public string Describe()
    {
        string text = $"{Name} {Fmt(Actual)} {Unit} {(AtMost ? "≤" : "≥")} {Fmt(Limit)} {Unit}";
        if (Met) return text + ": met";
        string share = Limit != 0 ? $" ({Shortfall / Math.Abs(Limit) * 100:0.#}%)" : "";
        return text + $": fails by {Fmt(Shortfall)} {Unit}{share}";
    }

    // An infinite latency is the target's way of saying it cannot run the model.
    private static string Fmt(double v) => double.IsPositiveInfinity(v) ? "∞" : v.ToString(Math.Abs(v) >= 100 ? "0.#" : "0.###", System.Globalization.CultureInfo.InvariantCulture);
}
