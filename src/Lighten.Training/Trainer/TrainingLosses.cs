using static TorchSharp.torch;

namespace Lighten.Training.Trainer;

/// <summary>The task and distillation losses, each a scalar tensor to minimize.</summary>
public static class TrainingLosses
{
    /// <summary>Mean cross-entropy of logits [N, C] against class indices [N] (int64).</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor labels) => nn.functional.cross_entropy(logits, labels);

    /// <summary>
    /// SimpleBaseline's JointsMSELoss: 0.5 x the mean over samples, joints and pixels of ((predicted - target) x weight)²,
    /// for heatmaps [N, J, H, W] and joint weights [N, J] (0 leaves a joint out; null weighs every joint 1).
    /// </summary>
    public static Tensor HeatmapMse(Tensor predicted, Tensor target, Tensor? weights = null)
    {
        var difference = predicted - target;
        if (weights is not null) difference = difference * weights.reshape(weights.shape[0], weights.shape[1], 1, 1);
        return 0.5 * difference.square().mean();
    }

    /// <summary>
    /// Hinton's distillation loss: KL(softmax(teacher / T) ‖ softmax(student / T)) summed over classes, averaged over
    /// the batch, times T² so that its gradients keep their scale whatever the temperature.
    /// </summary>
    public static Tensor SoftenedKl(Tensor studentLogits, Tensor teacherLogits, double temperature)
    {
        var teacherLog = nn.functional.log_softmax(teacherLogits / temperature, 1);
        var studentLog = nn.functional.log_softmax(studentLogits / temperature, 1);
        var perSample = (teacherLog.exp() * (teacherLog - studentLog)).sum(1);
        return perSample.mean() * (temperature * temperature);
    }
}
