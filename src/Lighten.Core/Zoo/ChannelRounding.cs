namespace Lighten.Core.Zoo;

/// <summary>torchvision's <c>_make_divisible</c>: channel counts scaled by a width multiplier and rounded to a multiple of 8.</summary>
public static class ChannelRounding
{
    /// <summary>
    /// <paramref name="value"/> rounded to the nearest multiple of <paramref name="divisor"/>, at least
    /// <paramref name="divisor"/>, and raised by one more multiple when rounding lost more than 10%.
    /// </summary>
    public static int MakeDivisible(double value, int divisor = 8)
    {
        int rounded = Math.Max(divisor, (int)(value + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * value ? rounded + divisor : rounded;
    }
}
