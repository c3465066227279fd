using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lighten.Training.Trainer;

/// <summary>
/// Builds TorchSharp's SGD or AdamW over a module's parameters in two groups: weights of rank 2 and more decay,
/// biases and normalization parameters (rank 0 and 1) do not, as is usual for CNNs.
/// </summary>
internal static class OptimizerFactory
{
    public static OptimizerHelper Create(nn.Module module, TrainingOptions options)
    {
        var parameters = module.parameters().Where(p => p.requires_grad).ToList();
        var decayed = parameters.Where(p => p.dim() >= 2).ToList();
        var plain = parameters.Where(p => p.dim() < 2).ToList();
        double lr = options.ResolvedLearningRate, decay = options.ResolvedWeightDecay;
        if (options.Optimizer == OptimizerKind.Sgd)
        {
            var groups = new List<SGD.ParamGroup>();
            if (decayed.Count > 0) groups.Add(new SGD.ParamGroup(decayed, lr, options.Momentum, 0, decay, options.Nesterov));
            if (plain.Count > 0) groups.Add(new SGD.ParamGroup(plain, lr, options.Momentum, 0, 0, options.Nesterov));
            return optim.SGD(groups, lr, options.Momentum, 0, decay, options.Nesterov);
        }
        var adamGroups = new List<AdamW.ParamGroup>();
        if (decayed.Count > 0) adamGroups.Add(new AdamW.ParamGroup(decayed, lr, weight_decay: decay));
        if (plain.Count > 0) adamGroups.Add(new AdamW.ParamGroup(plain, lr, weight_decay: 0));
        return optim.AdamW(adamGroups, lr, weight_decay: decay);
    }

    /// <summary>Sets the learning rate of every parameter group.</summary>
    public static void SetLearningRate(OptimizerHelper optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }
}
