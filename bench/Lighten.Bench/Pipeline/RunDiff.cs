using System.Text.Json;

namespace Lighten.Bench.Pipeline;

/// <summary>
/// Compares the report.json of pipeline runs stage by stage on what must not depend on timing or interruption: the
/// stage, its decision, the accuracy and the artifact's SHA-256; prints one row per stage and exits 1 on a difference.
/// <c>run-diff REFERENCE_DIR OTHER_DIR...</c>.
/// </summary>
public static class RunDiff
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: run-diff REFERENCE_DIR OTHER_DIR...");
            return 2;
        }
        var reference = Rows(args[0]);
        bool same = true;
        foreach (var other in args[1..])
        {
            var rows = Rows(other);
            Console.WriteLine($"{other} against {args[0]}:");
            for (int i = 0; i < Math.Max(reference.Count, rows.Count); i++)
            {
                var a = i < reference.Count ? reference[i] : "(none)";
                var b = i < rows.Count ? rows[i] : "(none)";
                Console.WriteLine($"  {(a == b ? "same" : "DIFFERS")}  {b}" + (a == b ? "" : $"\n           reference: {a}"));
                same &= a == b;
            }
        }
        Console.WriteLine(same ? "every run: the same decisions, accuracy column and artifact SHA-256" : "the runs differ");
        return same ? 0 : 1;
    }

    private static List<string> Rows(string dir)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        return [.. json.RootElement.GetProperty("stages").EnumerateArray().Select(s =>
        {
            string Text(string name) => s.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "-";
            return $"{Text("name"),-8} {Text("decision"),-8} accuracy {Text("accuracy"),-8} sha256 {Text("sha256")}";
        })];
    }
}
