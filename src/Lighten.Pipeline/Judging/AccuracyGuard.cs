using System.Globalization;

namespace Lighten.Pipeline.Judging;

/// <summary>What an <see cref="AccuracyGuard"/>'s score must do to show the task separates models.</summary>
public enum GuardRule
{
    /// <summary>The score stays at or below <see cref="AccuracyGuard.Bound"/>.</summary>
    AtMost,

    /// <summary>The score stays below <see cref="AccuracyGuard.Bound"/>.</summary>
    Below,

    /// <summary>The score stays at least <see cref="AccuracyGuard.Bound"/> below the baseline's.</summary>
    BelowBaselineBy,
}

/// <summary>
/// A reference score measured in the same run as the baseline, showing that the accuracy column means something: a
/// guesser that ignores the image, an untrained network, a tiny network trained with the baseline's budget. Scores and
/// bounds are fractions (0.12 is 12 %); a <see cref="GuardRule.BelowBaselineBy"/> bound is a difference of fractions.
/// </summary>
/// <param name="Name">What was scored: "mean-pose guesser", "untrained pose_resnet50", ….</param>
/// <param name="How">How the score was obtained, one clause.</param>
/// <param name="Score">The score on the validation set.</param>
/// <param name="Rule">What the score must do.</param>
/// <param name="Bound">The rule's bound.</param>
public sealed record AccuracyGuard(string Name, string How, double Score, GuardRule Rule, double Bound)
{
    /// <summary>Whether the guard holds, given the baseline's score (needed by <see cref="GuardRule.BelowBaselineBy"/>; null there fails).</summary>
    public bool Met(double? baseline) => Rule switch
    {
        GuardRule.AtMost => Score <= Bound + 1e-12,
        GuardRule.Below => Score < Bound,
        _ => baseline is double b && b - Score >= Bound - 1e-12,
    };

    /// <summary>One line in percent: "mean-pose guesser 10.21 % ≤ 12 %: holds (…how…)".</summary>
    public string Describe(double? baseline)
    {
        string rule = Rule switch
        {
            GuardRule.AtMost => $"≤ {P(Bound)} %",
            GuardRule.Below => $"< {P(Bound)} %",
            _ => $"at least {P(Bound)} points below the baseline's {(baseline is double b ? P(b) + " %" : "(not measured)")}",
        };
        return $"{Name} {P(Score)} % {rule}: {(Met(baseline) ? "holds" : "FAILS")} ({How})";
    }

    private static string P(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture);
}
