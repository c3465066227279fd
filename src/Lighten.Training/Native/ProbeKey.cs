using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using TorchSharp;

namespace Lighten.Training.Native;

/// <summary>
/// What a probe verdict holds for: the CPU (model, signature, the CPUID feature and cache leaves), the libtorch build
/// (TorchSharp's version and libtorch_cpu's size), Lighten's version and the user's own oneDNN settings. A verdict found
/// under the same key is reused; anything else is probed again.
/// </summary>
/// <param name="Cpu">The brand string and signature.</param>
/// <param name="CpuIdHash">A hash of the CPUID answers the kernels depend on (features, cache and topology leaves).</param>
/// <param name="LibTorch">TorchSharp's version and the size of libtorch_cpu.so.</param>
/// <param name="Lighten">Lighten's informational version (with its commit).</param>
/// <param name="UserSettings">The user's <c>ONEDNN_*</c>/<c>DNNL_*</c> variables, or empty.</param>
public sealed record ProbeKey(string Cpu, string CpuIdHash, string LibTorch, string Lighten, string UserSettings)
{
    /// <summary>The key of this process on this machine, with the user's oneDNN <paramref name="userSettings"/>.</summary>
    public static ProbeKey ForThisProcess(CpuReport cpu, IReadOnlyList<KeyValuePair<string, string>> userSettings) =>
        Create(cpu, new HardwareCpuId(), LibTorchBuild(), LightenVersion(), OneDnnSettings.Describe(userSettings));

    /// <summary>The key of the given parts (tests build keys from recorded CPUID answers).</summary>
    public static ProbeKey Create(CpuReport cpu, ICpuId cpuid, string libTorch, string lighten, string userSettings) =>
        new($"{cpu.Vendor} {cpu.Model} (family {cpu.Family}, model {cpu.ModelNumber}, stepping {cpu.Stepping})".Trim(),
            Hash(RecordedCpuId.Record(new ProcessorIndependent(cpuid))), libTorch, lighten, userSettings);

    /// <summary>
    /// CPUID answers without the fields that name the core that answered (leaf 1 EBX[31:24], the initial APIC ID; leaf 0xB
    /// EDX, the x2APIC ID): a process migrates between cores, and the key must not change with it.
    /// </summary>
    private sealed class ProcessorIndependent(ICpuId inner) : ICpuId
    {
        public bool Available => inner.Available;

        public CpuIdRegisters Query(uint leaf, uint subleaf = 0)
        {
            var r = inner.Query(leaf, subleaf);
            return leaf switch
            {
                1 => r with { Ebx = r.Ebx & 0x00FFFFFF },
                0xB => r with { Edx = 0 },
                _ => r,
            };
        }
    }

    /// <summary>A short hash of the whole key: the cache file's name.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Id => Hash($"{Cpu}|{CpuIdHash}|{LibTorch}|{Lighten}|{UserSettings}");

    /// <summary>TorchSharp's version and the size of the libtorch_cpu beside it, read without loading libtorch.</summary>
    public static string LibTorchBuild()
    {
        var assembly = typeof(torch).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "?";
        var dir = Path.GetDirectoryName(assembly.Location) ?? AppContext.BaseDirectory;
        var library = new[] { Path.Combine(dir, "runtimes", "linux-x64", "native", "libtorch_cpu.so"), Path.Combine(dir, "libtorch_cpu.so") }
            .FirstOrDefault(File.Exists);
        return library is null ? $"TorchSharp {version}" : $"TorchSharp {version}, libtorch_cpu {new FileInfo(library).Length} bytes";
    }

    /// <summary>Lighten's version, with the commit it was built from.</summary>
    public static string LightenVersion() =>
        typeof(ProbeKey).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
