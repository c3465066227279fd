using Lighten.Core;
using Lighten.Core.Targets;

namespace Lighten.Cli.Commands;

/// <summary>
/// The <c>--target</c> of a precision command: <c>host</c> (the default) is this machine, where speed is measured in ONNX
/// Runtime; any other built-in profile or a YAML profile file answers which ops run at each precision and estimates speed.
/// </summary>
/// <param name="Name">The profile's name.</param>
/// <param name="Profile">The profile.</param>
/// <param name="IsHost">Whether the target is this machine (measured rather than estimated from a profile).</param>
public sealed record TargetChoice(string Name, TargetProfile Profile, bool IsHost)
{
    /// <summary>The name of this machine as a target.</summary>
    public const string Host = Lighten.Core.Targets.Targets.HostName;

    /// <summary>Whether the target runs a node in INT8; null on the host (every op ONNX Runtime fuses, its speed measured).</summary>
    public Func<Node, bool>? Int8Supported => IsHost ? null : n => Profile.Supports(n, Precision.Int8);

    /// <summary>Why the target keeps a node in FP32 when converting to FP16, or null when it runs the node in FP16 (always null on the host).</summary>
    public Func<Node, string?>? Fp16Veto => IsHost || !Profile.Runs(Precision.Fp16) ? null
        : n => Profile.Refusal(n, Precision.Fp16);

    /// <summary>The target named <paramref name="name"/>: <c>host</c>, a built-in profile, or the path of a YAML profile.</summary>
    /// <exception cref="OptionException">An unknown target, naming the known ones.</exception>
    /// <exception cref="TargetProfileException">The YAML profile is missing or invalid.</exception>
    public static TargetChoice Resolve(string? name)
    {
        name = string.IsNullOrWhiteSpace(name) ? Host : name.Trim();
        var profile = Lighten.Core.Targets.Targets.Get(name, HostProfileCache.Directory);
        return name == Host ? new TargetChoice(Host, profile, IsHost: true) : new TargetChoice(profile.Name, profile, IsHost: false);
    }
}
