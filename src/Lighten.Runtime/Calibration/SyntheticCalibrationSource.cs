namespace Lighten.Runtime.Calibration;

/// <summary>
/// Seeded smooth random images, already normalized (values mostly within ±2, like ImageNet-normalized photos): a
/// luminance field shared by the three channels plus a weaker color field per channel, each bilinearly upsampled from
/// a coarse random grid, with a little pixel noise. For tests and for models whose data is not at hand; the same seed
/// and index always give the same image.
/// </summary>
public sealed class SyntheticCalibrationSource : CalibrationSource
{
    private readonly int seed;

    /// <summary>Creates a source of <paramref name="count"/> images of <paramref name="width"/>×<paramref name="height"/>.</summary>
    public SyntheticCalibrationSource(int width, int height, int count, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (count <= 0) throw new Lighten.Core.OptionException($"the calibration sample count must be positive, got {count}");
        Width = width;
        Height = height;
        Count = count;
        this.seed = seed;
    }

    /// <inheritdoc/>
    public override int Count { get; }

    /// <inheritdoc/>
    public override int Width { get; }

    /// <inheritdoc/>
    public override int Height { get; }

    /// <inheritdoc/>
    public override string Description => $"{Count} synthetic smooth images (seed {seed})";

    /// <inheritdoc/>
    public override void Write(int index, Span<float> chw)
    {
        var random = new Random(Mix(seed, index));
        var luminance = Field(random, 4, 1.4f);
        var plane = Width * Height;
        for (int c = 0; c < 3; c++)
        {
            var color = Field(random, 3, 0.5f);
            var channel = chw.Slice(c * plane, plane);
            for (int i = 0; i < plane; i++) channel[i] = luminance[i] + color[i] + (random.NextSingle() - 0.5f) * 0.1f;
        }
    }

    /// <summary>A seed for image <paramref name="index"/> (HashCode would differ between processes).</summary>
    private static int Mix(int seed, int index)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    /// <summary>A Width×Height field bilinearly interpolated from a (<paramref name="cells"/>+1)² grid of uniform values in ±<paramref name="amplitude"/>.</summary>
    private float[] Field(Random random, int cells, float amplitude)
    {
        int n = cells + 1;
        var grid = new float[n * n];
        float offset = (random.NextSingle() * 2 - 1) * amplitude * 0.5f;
        for (int i = 0; i < grid.Length; i++) grid[i] = offset + (random.NextSingle() * 2 - 1) * amplitude;
        var field = new float[Width * Height];
        for (int y = 0; y < Height; y++)
        {
            float gy = y * (float)cells / Math.Max(Height - 1, 1);
            int y0 = Math.Min((int)gy, cells - 1);
            float fy = gy - y0;
            for (int x = 0; x < Width; x++)
            {
                float gx = x * (float)cells / Math.Max(Width - 1, 1);
                int x0 = Math.Min((int)gx, cells - 1);
                float fx = gx - x0;
                float top = grid[y0 * n + x0] * (1 - fx) + grid[y0 * n + x0 + 1] * fx;
                float bottom = grid[(y0 + 1) * n + x0] * (1 - fx) + grid[(y0 + 1) * n + x0 + 1] * fx;
                field[y * Width + x] = top * (1 - fy) + bottom * fy;
            }
        }
        return field;
    }
}
