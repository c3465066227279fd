namespace Lighten.Training.Trainer;

/// <summary>Why a training run ended.</summary>
public enum StopReason
{
    /// <summary>Every epoch ran.</summary>
    Completed,

    /// <summary>The validation metric stopped improving for the patience's epochs.</summary>
    EarlyStopped,

    /// <summary>The loss became NaN or infinite; the last good weights were kept.</summary>
    NonFiniteLoss,
}
