using Lighten.Core.Targets;

namespace Lighten.Pipeline.Measure;

/// <summary>How a figure in a report was obtained.</summary>
public enum FigureOrigin
{
    /// <summary>Measured in this run (ONNX Runtime on this machine, or the written file).</summary>
    Measured,

    /// <summary>Counted exactly from the graph (no measurement needed).</summary>
    Counted,

    /// <summary>Estimated by a model (the target profile's roofline, the static activation liveness), not measured.</summary>
    Estimated,

    /// <summary>Taken from figures measured in an earlier run and kept in Lighten's cache folder.</summary>
    Cached,
}

/// <summary>Where a figure came from: its origin and one line on how.</summary>
/// <param name="Origin">Measured, counted, estimated or cached.</param>
/// <param name="How">How, naming the profile or file it came from.</param>
public sealed record FigureSource(FigureOrigin Origin, string How)
{
    /// <summary>
    /// Where the target estimate of <paramref name="target"/> comes from: for <c>host</c> the roofline of this machine's
    /// measured profile cached in its file, or of the built-in conservative defaults (no measurement of this machine); for
    /// any other target the roofline of its profile (built in, or the user's file).
    /// </summary>
    public static FigureSource TargetEstimate(TargetProfile target)
    {
        ArgumentNullException.ThrowIfNull(target);
        string? file = target.SourceFile is null ? null : Path.GetFileName(target.SourceFile);
        if (target.Name == TargetCatalog.HostName)
            return file is not null ? new FigureSource(FigureOrigin.Cached, $"roofline of this machine's measured profile cached in {file} ({target.Description})")
                : target.Description == TargetCatalog.DefaultHost.Description
                    ? new FigureSource(FigureOrigin.Estimated, "roofline of the built-in conservative host defaults: this machine has not been measured")
                    : new FigureSource(FigureOrigin.Estimated, $"roofline of this machine's profile given in code ({target.Description})");
        return new FigureSource(FigureOrigin.Estimated, $"roofline of the {(file is null ? "built-in" : $"user's ({file})")} profile '{target.Name}'");
    }
}
