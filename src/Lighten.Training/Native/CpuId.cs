using System.Globalization;
using System.Runtime.Intrinsics.X86;

namespace Lighten.Training.Native;

/// <summary>The four registers one CPUID query returns.</summary>
public readonly record struct CpuIdRegisters(uint Eax, uint Ebx, uint Ecx, uint Edx)
{
    /// <summary>Whether every register is zero (what a hidden leaf answers).</summary>
    public bool IsEmpty => Eax == 0 && Ebx == 0 && Ecx == 0 && Edx == 0;
}

/// <summary>A source of CPUID answers: the processor itself, or answers recorded on another machine (for tests and support).</summary>
public interface ICpuId
{
    /// <summary>Whether this source answers at all (false off x86).</summary>
    bool Available { get; }

    /// <summary>The answer to CPUID with <paramref name="leaf"/> in EAX and <paramref name="subleaf"/> in ECX.</summary>
    CpuIdRegisters Query(uint leaf, uint subleaf = 0);
}

/// <summary>This machine's processor, through .NET's <see cref="X86Base.CpuId(int, int)"/>.</summary>
public sealed class HardwareCpuId : ICpuId
{
    /// <inheritdoc/>
    public bool Available => X86Base.IsSupported;

    /// <inheritdoc/>
    public CpuIdRegisters Query(uint leaf, uint subleaf = 0)
    {
        if (!X86Base.IsSupported) return default;
        var (a, b, c, d) = X86Base.CpuId(unchecked((int)leaf), unchecked((int)subleaf));
        return new CpuIdRegisters(unchecked((uint)a), unchecked((uint)b), unchecked((uint)c), unchecked((uint)d));
    }
}

/// <summary>
/// CPUID answers written down as text, one query a line: <c>LEAF.SUBLEAF: EAX EBX ECX EDX</c> in hexadecimal (the format
/// <see cref="Record"/> writes and <c>lighten doctor --json</c> shows). A query that was not recorded answers zeros, as a
/// processor does for a leaf it does not implement.
/// </summary>
public sealed class RecordedCpuId(IReadOnlyDictionary<(uint Leaf, uint Subleaf), CpuIdRegisters> answers) : ICpuId
{
    /// <summary>The leaves <see cref="Record"/> writes down: those <see cref="CpuInspector"/> reads.</summary>
    public static IReadOnlyList<(uint Leaf, uint Subleaf)> RecordedLeaves { get; } =
    [
        (0, 0), (1, 0), (7, 0), (7, 1), (4, 0), (4, 1), (4, 2), (4, 3), (4, 4), (0xB, 0), (0xB, 1),
        (0x80000000, 0), (0x80000001, 0), (0x80000002, 0), (0x80000003, 0), (0x80000004, 0), (0x80000005, 0), (0x80000006, 0),
        (0x8000001D, 0), (0x8000001D, 1), (0x8000001D, 2), (0x8000001D, 3), (0x8000001D, 4),
    ];

    /// <inheritdoc/>
    public bool Available => answers.Count > 0;

    /// <inheritdoc/>
    public CpuIdRegisters Query(uint leaf, uint subleaf = 0) => answers.TryGetValue((leaf, subleaf), out var r) ? r : default;

    /// <summary>Reads the text format; a malformed line throws <see cref="FormatException"/> naming it.</summary>
    public static RecordedCpuId Parse(string text)
    {
        var answers = new Dictionary<(uint, uint), CpuIdRegisters>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split([' ', ':', '.'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 6) throw new FormatException($"CPUID record line '{line}': expected 'LEAF.SUBLEAF: EAX EBX ECX EDX'");
            var v = parts.Select(p => uint.Parse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
            answers[(v[0], v[1])] = new CpuIdRegisters(v[2], v[3], v[4], v[5]);
        }
        return new RecordedCpuId(answers);
    }

    /// <summary>Writes down <paramref name="source"/>'s answers to the leaves Lighten reads, in the text format.</summary>
    public static string Record(ICpuId source) => string.Join('\n', RecordedLeaves.Select(q =>
    {
        var r = source.Query(q.Leaf, q.Subleaf);
        return string.Create(CultureInfo.InvariantCulture, $"{q.Leaf:X8}.{q.Subleaf}: {r.Eax:X8} {r.Ebx:X8} {r.Ecx:X8} {r.Edx:X8}");
    }));
}
