using Lighten.Core;
using Lighten.Core.Targets;

namespace Lighten.Runtime;

/// <summary>
/// A resolved target, the one answer every command and pipeline step uses: <c>host</c> (the default) is this machine,
/// where speed is measured in ONNX Runtime; any other built-in profile or a YAML profile file answers which ops run at
/// each precision and estimates speed.
/// </summary>
/// <param name="Name">The profile's name.</param>
/// <param name="Profile">The profile.</param>
/// <param name="IsHost">Whether the target is this machine (measured rather than estimated from a profile).</param>
public sealed record TargetChoice(string Name, TargetProfile Profile, bool IsHost)
{
    /// <summary>The name of this machine as a target.</summary>
    public const string Host = TargetCatalog.HostName;

    /// <summary>Whether the target runs a node in INT8; null on the host (every op ONNX Runtime fuses, its speed measured).</summary>
    public Func<Node, bool>? Int8Supported => IsHost ? null : n => Profile.Supports(n, Precision.Int8);

    /// <summary>Why the target keeps a node in FP32 when converting to FP16, or null when it runs the node in FP16 (always null on the host).</summary>
    public Func<Node, string?>? Fp16Veto => IsHost || !Profile.Runs(Precision.Fp16) ? null
        : n => Profile.Refusal(n, Precision.Fp16);

    /// <summary>
    /// The target named <paramref name="name"/>: <c>host</c> (also for null or blank), a built-in profile, or the path of a
    /// YAML profile. The host's cached measured profile is read from <paramref name="hostCacheDirectory"/> when given
    /// (the front ends pass <see cref="Lighten.Core.IO.LightenCache.Directory"/>), else the built-in host defaults serve.
    /// </summary>
    /// <exception cref="OptionException">An unknown target, naming the known ones.</exception>
    /// <exception cref="TargetProfileException">The YAML profile is missing or invalid.</exception>
    public static TargetChoice Resolve(string? name, string? hostCacheDirectory = null)
    {
        name = string.IsNullOrWhiteSpace(name) ? Host : name.Trim();
        var profile = TargetCatalog.Get(name, hostCacheDirectory);
        return name == Host ? new TargetChoice(Host, profile, IsHost: true) : new TargetChoice(profile.Name, profile, IsHost: false);
    }

    /// <summary>
    /// As <see cref="Resolve"/>, except that <c>host</c> is this machine's measured profile (<see cref="HostProfiler.Ensure"/>,
    /// measured once and cached in <paramref name="hostCacheDirectory"/>), for the checks that estimate the host's latency from its figures.
    /// </summary>
    public static TargetChoice ResolveMeasured(string? name, string hostCacheDirectory, SessionOptionsSpec? session = null)
    {
        var choice = Resolve(name, hostCacheDirectory);
        return choice.IsHost ? choice with { Profile = HostProfiler.Ensure(hostCacheDirectory, session) } : choice;
    }

    /// <summary>A target given as a profile already (a pipeline built in code).</summary>
    public static TargetChoice Of(TargetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new TargetChoice(profile.Name, profile, profile.Name == Host);
    }
}
