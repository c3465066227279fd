namespace Lighten.Training.Trainer;

/// <summary>The optimizer a training run uses.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with momentum (optionally Nesterov) and L2 weight decay.</summary>
    Sgd,

    /// <summary>Adam with decoupled weight decay (Loshchilov and Hutter), TorchSharp's implementation.</summary>
    AdamW,
}
