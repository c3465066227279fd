namespace Lighten.Training.Native;

/// <summary>The <c>dotnet</c> host that runs this process's runtime, to start child .NET processes with the same runtime.</summary>
public static class DotnetHost
{
    /// <summary>Its path: this process's own executable when it is <c>dotnet</c>, else the host beside the shared runtime, else <c>dotnet</c> on the PATH.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        var own = Environment.ProcessPath;
        if (own is not null && System.IO.Path.GetFileNameWithoutExtension(own) == "dotnet") return own;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        // .../dotnet/shared/Microsoft.NETCore.App/10.0.x/ → .../dotnet/dotnet
        var runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        var root = Directory.GetParent(runtime.TrimEnd('/', '\\'))?.Parent?.Parent?.FullName;
        var beside = root is null ? null : System.IO.Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return beside is not null && File.Exists(beside) ? beside : "dotnet";
    }
}
