using System.Globalization;
using Lighten.Core;
using static TorchSharp.torch;

namespace Lighten.Training.Trainer;

/// <summary>
/// Gradual magnitude pruning during training (Zhu and Gupta): at steps t0, t0+Δt, …, t0+n·Δt the masks of
/// <see cref="Weights"/> are recomputed so that the smallest-magnitude share s_t of each weight (or of all of them,
/// <see cref="Global"/>) is zero, with s_t = s_f + (s_i − s_f)(1 − (t − t0)/(n·Δt))³; between updates the masks stay
/// fixed (the trainer multiplies the weights by them after every optimizer step).
/// </summary>
/// <param name="Weights">Initializer names of the weights to prune.</param>
/// <param name="Initial">s_i, the sparsity at t0.</param>
/// <param name="Final">s_f, the sparsity from t0 + n·Δt on.</param>
/// <param name="StartStep">t0, the optimizer step of the first update.</param>
/// <param name="Updates">n, the number of updates after the first.</param>
/// <param name="Interval">Δt, optimizer steps between updates.</param>
/// <param name="Global">One threshold over all the weights instead of one per weight.</param>
public sealed record SparsitySchedule(IReadOnlyList<string> Weights, double Initial, double Final, int StartStep, int Updates, int Interval, bool Global = false)
{
    /// <summary>The step of the last update, from which the sparsity is <see cref="Final"/>.</summary>
    public int EndStep => StartStep + Updates * Interval;

    /// <summary>s_t at optimizer step <paramref name="step"/> (s_i before t0, s_f after the last update, held between updates).</summary>
    public double At(int step)
    {
        if (step < StartStep) return Initial;
        int t = Math.Min(StartStep + (step - StartStep) / Interval * Interval, EndStep);
        double progress = Updates == 0 ? 1 : (double)(t - StartStep) / (Updates * Interval);
        return Final + (Initial - Final) * Math.Pow(1 - progress, 3);
    }

    /// <summary>Whether the masks are recomputed at optimizer step <paramref name="step"/>.</summary>
    public bool IsUpdate(int step) => step >= StartStep && step <= EndStep && (step - StartStep) % Interval == 0;

    /// <summary>Throws <see cref="OptionException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (Weights.Count == 0) throw new OptionException("the sparsity schedule names no weight to prune");
        if (!(Initial >= 0 && Initial <= Final)) throw Bad("the initial sparsity must lie in [0, final sparsity]", Initial);
        if (!(Final >= 0 && Final < 1)) throw Bad("the final sparsity must lie in [0, 1)", Final);
        if (StartStep < 0) throw Bad("the first pruning step must be 0 or more", StartStep);
        if (Updates < 0) throw Bad("the number of pruning updates must be 0 or more", Updates);
        if (Interval < 1) throw Bad("the steps between pruning updates must be at least 1", Interval);
    }

    /// <summary>Sets the masks of <paramref name="module"/> to the sparsity of step <paramref name="step"/>, from the current magnitudes.</summary>
    public void Update(GraphModule module, int step)
    {
        ArgumentNullException.ThrowIfNull(module);
        double sparsity = At(step);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        if (Global)
        {
            var magnitudes = cat([.. Weights.Select(w => module.ValueOf(w).detach().abs().flatten())]);
            var keep = KeepMask(magnitudes, sparsity);
            long offset = 0;
            foreach (var w in Weights)
            {
                var weight = module.ValueOf(w);
                module.SetMask(w, keep.narrow(0, offset, weight.numel()).reshape(weight.shape));
                offset += weight.numel();
            }
        }
        else
        {
            foreach (var w in Weights)
            {
                var weight = module.ValueOf(w);
                module.SetMask(w, KeepMask(weight.detach().abs().flatten(), sparsity).reshape(weight.shape));
            }
        }
    }

    /// <summary>1 for all but the floor(s·n) smallest magnitudes (ties in any order), which get 0.</summary>
    private static Tensor KeepMask(Tensor magnitudes, double sparsity)
    {
        long n = magnitudes.numel(), k = (long)Math.Floor(sparsity * n);
        var mask = ones_like(magnitudes);
        if (k == 0) return mask;
        var order = magnitudes.argsort();
        return mask.index_put_(zeros(k, dtype: magnitudes.dtype, device: magnitudes.device), order.narrow(0, 0, k));
    }

    private static OptionException Bad(string what, object value) =>
        new($"{what}, got {Convert.ToString(value, CultureInfo.InvariantCulture)}");
}
