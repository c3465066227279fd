// Compiled by MSBuild's RoslynCodeTaskFactory (see Directory.Build.targets) into the task that lets
// TorchSharp load on Linux systems whose libstdc++ is older than the one its native shim was linked
// against. Tests compile the ELF part alone (ELF_VERSIONS_ONLY), without MSBuild.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

/// <summary>One version requirement (<c>Vernaux</c>) of an ELF file's <c>.gnu.version_r</c> section.</summary>
public sealed class ElfVersionNeed
{
    /// <summary>Creates a requirement.</summary>
    public ElfVersionNeed(string file, string version, ushort flags, long flagsOffset)
    {
        File = file;
        Version = version;
        Flags = flags;
        FlagsOffset = flagsOffset;
    }

    /// <summary>The library the version is needed from (<c>vn_file</c>), such as <c>libstdc++.so.6</c>.</summary>
    public string File { get; }

    /// <summary>The version name (<c>vna_name</c>), such as <c>GLIBCXX_3.4.32</c>.</summary>
    public string Version { get; }

    /// <summary>The <c>vna_flags</c> field.</summary>
    public ushort Flags { get; }

    /// <summary>The file offset of <c>vna_flags</c>.</summary>
    public long FlagsOffset { get; }

    /// <summary>Whether the requirement is weak: a missing version is then only a warning for the loader.</summary>
    public bool IsWeak => (Flags & ElfVersions.VerFlgWeak) != 0;
}

/// <summary>
/// Reads the symbol-versioning sections of a 64-bit little-endian ELF file: the versions it defines
/// (<c>.gnu.version_d</c>) and the versions it needs from other libraries (<c>.gnu.version_r</c>),
/// following the section headers and each section's linked string table.
/// </summary>
public static class ElfVersions
{
    /// <summary>The <c>VER_FLG_WEAK</c> bit of <c>vna_flags</c>.</summary>
    public const ushort VerFlgWeak = 0x2;

    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort MachineX8664 = 62;

    /// <summary>The version names an ELF file defines (each <c>Verdef</c>'s first <c>Verdaux</c>).</summary>
    public static List<string> Defined(byte[] elf)
    {
        var names = new List<string>();
        var sections = Sections(elf);
        foreach (var section in sections.Where(s => s.Type == ShtGnuVerdef))
        {
            var strings = sections[(int)section.Link];
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                ushort count = U16(elf, entry + 6);
                uint aux = U32(elf, entry + 12), next = U32(elf, entry + 16);
                if (count > 0) names.Add(String(elf, strings, U32(elf, entry + aux)));
                if (next == 0) break;
                entry += next;
            }
        }
        return names;
    }

    /// <summary>Every version requirement of an ELF file, in file order.</summary>
    public static List<ElfVersionNeed> Needed(byte[] elf)
    {
        var needs = new List<ElfVersionNeed>();
        var sections = Sections(elf);
        foreach (var section in sections.Where(s => s.Type == ShtGnuVerneed))
        {
            var strings = sections[(int)section.Link];
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                ushort count = U16(elf, entry + 2);
                string file = String(elf, strings, U32(elf, entry + 4));
                uint aux = U32(elf, entry + 8), next = U32(elf, entry + 12);
                long a = entry + aux;
                for (int j = 0; j < count; j++)
                {
                    needs.Add(new ElfVersionNeed(file, String(elf, strings, U32(elf, a + 8)), U16(elf, a + 4), a + 4));
                    uint auxNext = U32(elf, a + 12);
                    if (auxNext == 0) break;
                    a += auxNext;
                }
                if (next == 0) break;
                entry += next;
            }
        }
        return needs;
    }

    /// <summary>Whether the file is an x86-64 ELF64 little-endian image.</summary>
    public static bool IsX8664(byte[] elf) => HasElf64Header(elf) && U16(elf, 0x12) == MachineX8664;

    /// <summary>
    /// Marks the requirement of <paramref name="version"/> in the file at <paramref name="path"/> weak.
    /// The file is replaced by a patched copy (so a hard link into a package cache is never written
    /// through) that keeps the original's modification time, so incremental copies still see it as up
    /// to date. Returns false when the file has no such requirement or it is already weak.
    /// </summary>
    public static bool MarkWeak(string path, string version)
    {
        var need = Needed(System.IO.File.ReadAllBytes(path)).FirstOrDefault(n => n.Version == version);
        if (need is null || need.IsWeak) return false;
        var stamp = System.IO.File.GetLastWriteTimeUtc(path);
        var temp = path + ".weak.tmp";
        System.IO.File.Copy(path, temp, overwrite: true);
        using (var stream = new FileStream(temp, FileMode.Open, FileAccess.Write))
        {
            ushort flags = (ushort)(need.Flags | VerFlgWeak);
            stream.Position = need.FlagsOffset;
            stream.Write(new[] { (byte)flags, (byte)(flags >> 8) }, 0, 2);
        }
        System.IO.File.SetLastWriteTimeUtc(temp, stamp);
        System.IO.File.Replace(temp, path, null);
        return true;
    }

    /// <summary>The x86-64 <c>libstdc++.so.6</c> the dynamic loader would find: from <c>ldconfig -p</c>, else the usual folders.</summary>
    public static string? FindLibStdCxx()
    {
        var candidates = LdconfigPaths("libstdc++.so.6").Concat(new[]
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        });
        return candidates.FirstOrDefault(p => System.IO.File.Exists(p) && IsX8664(System.IO.File.ReadAllBytes(p)));
    }

    private static IEnumerable<string> LdconfigPaths(string soname)
    {
        foreach (var ldconfig in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig" })
        {
            string output;
            try
            {
                var info = new ProcessStartInfo(ldconfig, "-p") { RedirectStandardOutput = true, UseShellExecute = false };
                using var process = Process.Start(info);
                if (process is null) continue;
                output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                continue;
            }
            // Lines look like: "\tlibstdc++.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libstdc++.so.6"
            return output.Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.StartsWith(soname + " ", StringComparison.Ordinal) && line.Contains("x86-64"))
                .Select(line => line.Substring(line.IndexOf("=>", StringComparison.Ordinal) + 2).Trim())
                .ToList();
        }
        return Enumerable.Empty<string>();
    }

    private readonly struct Section
    {
        public Section(uint type, long offset, long size, uint link, uint info)
        {
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
        }

        public uint Type { get; }
        public long Offset { get; }
        public long Size { get; }
        public uint Link { get; }
        public uint Info { get; }
    }

    private static bool HasElf64Header(byte[] elf) =>
        elf.Length >= 64 && elf[0] == 0x7f && elf[1] == (byte)'E' && elf[2] == (byte)'L' && elf[3] == (byte)'F'
        && elf[4] == 2 /* ELFCLASS64 */ && elf[5] == 1 /* ELFDATA2LSB */;

    private static List<Section> Sections(byte[] elf)
    {
        if (!HasElf64Header(elf)) throw new InvalidDataException("not a 64-bit little-endian ELF file");
        long shoff = (long)U64(elf, 0x28);
        ushort entsize = U16(elf, 0x3A), count = U16(elf, 0x3C);
        if (count > 0 && entsize < 64) throw new InvalidDataException($"section header size {entsize} is below 64");
        var sections = new List<Section>(count);
        for (int i = 0; i < count; i++)
        {
            long h = shoff + (long)i * entsize;
            var s = new Section(U32(elf, h + 4), (long)U64(elf, h + 0x18), (long)U64(elf, h + 0x20), U32(elf, h + 0x28), U32(elf, h + 0x2C));
            if (s.Type is ShtGnuVerdef or ShtGnuVerneed && (s.Offset < 0 || s.Offset + s.Size > elf.Length))
                throw new InvalidDataException($"section {i} lies outside the file");
            sections.Add(s);
        }
        foreach (var s in sections)
            if (s.Type is ShtGnuVerdef or ShtGnuVerneed && s.Link >= sections.Count)
                throw new InvalidDataException($"a version section links to string table {s.Link}, which does not exist");
        return sections;
    }

    private static string String(byte[] elf, Section table, uint offset)
    {
        long start = table.Offset + offset;
        if (offset >= table.Size || start >= elf.Length) throw new InvalidDataException($"string offset {offset} is outside its string table");
        long end = start;
        while (end < elf.Length && end < table.Offset + table.Size && elf[end] != 0) end++;
        return Encoding.ASCII.GetString(elf, (int)start, (int)(end - start));
    }

    private static void Check(byte[] elf, long at, int size)
    {
        if (at < 0 || at + size > elf.Length) throw new InvalidDataException($"read of {size} bytes at offset {at} is outside the file");
    }

    private static ushort U16(byte[] elf, long at)
    {
        Check(elf, at, 2);
        return BitConverter.ToUInt16(elf, (int)at);
    }

    private static uint U32(byte[] elf, long at)
    {
        Check(elf, at, 4);
        return BitConverter.ToUInt32(elf, (int)at);
    }

    private static ulong U64(byte[] elf, long at)
    {
        Check(elf, at, 8);
        return BitConverter.ToUInt64(elf, (int)at);
    }
}

#if !ELF_VERSIONS_ONLY
/// <summary>
/// Marks the requirement of <see cref="Version"/> weak in each existing file of <see cref="Files"/>, only
/// when the machine's libstdc++ does not define that version.
/// </summary>
public sealed class WeakenElfVersionNeed : Microsoft.Build.Utilities.Task
{
    /// <summary>Candidate copies of the native library; missing ones are skipped.</summary>
    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

    /// <summary>The version requirement to weaken.</summary>
    [Microsoft.Build.Framework.Required]
    public string Version { get; set; } = "";

    /// <summary>
    /// Mark the requirement weak whatever this machine's libstdc++ defines: for outputs that may run elsewhere (a publish
    /// folder, the tool package). A weak requirement changes nothing where the version exists.
    /// </summary>
    public bool Always { get; set; }

    /// <inheritdoc/>
    public override bool Execute()
    {
        var files = Files.Select(f => f.GetMetadata("FullPath")).Where(System.IO.File.Exists).Distinct().ToList();
        if (files.Count == 0) return true;
        if (Always) return Weaken(files, "always, for an output that may run on another machine");
        var libstdcxx = ElfVersions.FindLibStdCxx();
        if (libstdcxx is null)
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "No x86-64 libstdc++.so.6 found; native libraries left as they are.");
            return true;
        }
        try
        {
            if (ElfVersions.Defined(System.IO.File.ReadAllBytes(libstdcxx)).Contains(Version))
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"{libstdcxx} defines {Version}; nothing to patch.");
                return true;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Log.LogError($"Cannot read {libstdcxx}: {e.Message}");
            return false;
        }
        return Weaken(files, $"{libstdcxx} lacks it");
    }

    private bool Weaken(List<string> files, string why)
    {
        try
        {
            foreach (var file in files)
                if (ElfVersions.MarkWeak(file, Version))
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, $"Marked the {Version} requirement of {file} weak ({why}).");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Log.LogError($"Cannot weaken the {Version} requirement ({string.Join(", ", files)}): {e.Message}");
        }
        return !Log.HasLoggedErrors;
    }
}
#endif
