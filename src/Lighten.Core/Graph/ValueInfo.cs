namespace Lighten.Core;

/// <summary>A named value's element type and shape; <see cref="Shape"/> is null when even the rank is unknown.</summary>
public sealed record ValueInfo(string Name, ElementType ElementType, TensorShape? Shape)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {ElementType} {Shape?.ToString() ?? "?"}";
}
