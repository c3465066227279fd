using Lighten.Core;

namespace Lighten.Cli.Commands;

/// <summary>
/// The <c>--target</c> of a precision command. <c>host</c> (the default) is this machine, where speed is measured in ONNX
/// Runtime; device profiles plug in here through <see cref="Int8Supported"/> and <see cref="Fp16Supported"/>.
/// </summary>
public sealed record TargetChoice(string Name, Func<Node, bool>? Int8Supported, Func<Node, bool>? Fp16Supported)
{
    /// <summary>The name of this machine as a target.</summary>
    public const string Host = "host";

    /// <summary>Whether the target is this machine (measured rather than read from a profile).</summary>
    public bool IsHost => Name == Host;

    /// <summary>The target named <paramref name="name"/>.</summary>
    /// <exception cref="OptionException">An unknown target, naming the known ones.</exception>
    public static TargetChoice Resolve(string? name)
    {
        name = string.IsNullOrWhiteSpace(name) ? Host : name.Trim();
        if (name == Host) return new TargetChoice(Host, null, null);
        throw new OptionException($"unknown target '{name}' (known: {Host})");
    }
}
