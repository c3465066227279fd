using System.ComponentModel;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lighten.Training.Native;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lighten.Cli.Commands;

/// <summary>
/// <c>lighten doctor</c>: the processor, the native engine training runs with and why, the runtime versions, the thread
/// settings and the cache folder. It never loads libtorch; exit code 5 when training cannot run here.
/// </summary>
public sealed class DoctorCommand(IAnsiConsole console) : Command<DoctorCommand.Settings>
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Options of <c>lighten doctor</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Print JSON instead of text.</summary>
        [CommandOption(SharedOptions.Json)]
        [Description("Print the report as JSON (with the raw CPUID answers).")]
        public bool Json { get; init; }

        /// <summary>Print a stack trace with errors.</summary>
        [CommandOption(SharedOptions.Verbose)]
        [Description(SharedOptions.VerboseHelp)]
        public bool Verbose { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var report = DoctorReport.Collect(optionName: CliFlags.Of);
        if (settings.Json) console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, Json));
        else Render(report);
        // The report is out; the failure line goes to stderr with exit code 5, as for a training command.
        if (report.Engine.Failure is { } failure) throw new NativeEngineException(failure);
        return 0;
    }

    private void Render(DoctorReport report)
    {
        // A log file or pipe gets long lines whole rather than wrapped at 80 columns.
        var cpu = report.Cpu;
        Section("CPU",
            ("vendor", Or(cpu.Vendor, "(none)")),
            ("model", Or(cpu.Model, "(no brand string)")),
            ("signature", F($"family {cpu.Family}, model {cpu.ModelNumber}, stepping {cpu.Stepping}")),
            ("features", cpu.Features.Count == 0 ? "(none)" : string.Join(' ', cpu.Features)),
            ("caches", cpu.Caches.Count == 0 ? "(none listed)" : string.Join('\n', cpu.Caches.Select(Cache))),
            ("topology", (cpu.TopologyReported ? "reported: " : "hidden: ") + cpu.TopologyNote),
            ("logical cores", F($"{cpu.LogicalCores}")));

        var engine = report.Engine;
        var bf16 = engine.Bf16;
        Section("Native engine (training)",
            ("remedy", engine.Remedy is null ? "none" : $"{engine.Remedy}: {engine.Description}"),
            ("source", engine.Source),
            ("reason", engine.Reason),
            ("BF16", engine.Failure is not null ? "refused (no remedy)"
                : !bf16.Probed ? "allowed (not probed)"
                : bf16.Refusal is { } refusal ? "refused: " + refusal
                : bf16.StridedConvolutionsInFp32 ? "allowed, strided convolutions kept in FP32 (their BF16 kernels are wrong here: " + string.Join(", ", bf16.Wrong ?? []) + ")"
                : "allowed" + (bf16.Error is { } e ? F($" (largest error {e:g3} in {bf16.Kernel}, allowed {bf16.Tolerance})") : " (no BF16 kernel measured)")),
            ("verdict file", engine.CacheFile ?? "(none: not probed)"),
            ("probed", engine.ProbedAt is { } at ? F($"{at:yyyy-MM-dd HH:mm} UTC in {engine.ProbeSeconds:0.#} s") : "-"),
            ("oneDNN settings", engine.UserSettings.Count == 0 ? "(none)" : string.Join(' ', engine.UserSettings.Select(s => $"{s.Key}={s.Value}"))));
        if (engine.Failure is not null) console.MarkupLine($"  [red]{Markup.Escape(engine.Failure)}[/]");
        if (engine.Candidates.Count > 0) console.Write(Candidates(engine.Candidates));

        var v = report.Versions;
        Section("Versions",
            (".NET", v.Dotnet.Contains(v.DotnetVersion, StringComparison.Ordinal) ? v.Dotnet : $"{v.Dotnet} ({v.DotnetVersion})"),
            ("ONNX Runtime", v.OnnxRuntime),
            ("TorchSharp", v.TorchSharp),
            ("libtorch", v.LibTorch),
            ("Lighten", v.Lighten),
            ("OS", v.Os));

        var t = report.Threads;
        Section("Threads and files",
            ("logical cores", F($"{t.LogicalCores}")),
            ("OMP_NUM_THREADS", t.OmpNumThreads ?? "(unset)"),
            (OpenMpWaiting.Variable, t.OmpWaitPolicy ?? "(unset: training sets PASSIVE)"),
            ("cache folder", report.CacheFolder));
    }

    private void Section(string title, params (string Key, string Value)[] rows)
    {
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
        // One grid per row, the keys at one width: a long value wraps under itself, and short rows carry no padding to the longest.
        int keyWidth = rows.Max(r => r.Key.Length);
        foreach (var (key, value) in rows)
            console.Write(new Grid().AddColumn(new GridColumn().Width(keyWidth).NoWrap().PadLeft(2).PadRight(2)).AddColumn(new GridColumn().PadRight(0))
                .AddRow(Markup.Escape(key), Markup.Escape(value)));
        console.WriteLine();
    }

    private static Table Candidates(IReadOnlyList<DoctorCandidate> candidates)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("probe");
        foreach (var header in new[] { "remedy", "outcome", "kernel", "signal" }) table.AddColumn(new TableColumn(header).NoWrap());
        foreach (var header in new[] { "FP32 error", "BF16 error", "images/s" }) table.AddColumn(new TableColumn(header).RightAligned().NoWrap());
        table.AddColumn("BF16 kernel").AddColumn("detail");
        foreach (var c in candidates)
        {
            table.AddRow([.. new[]
            {
                c.Remedy, c.Outcome, c.Kernel ?? "-", c.Signal ?? "-", Error(c.Fp32Error), Error(c.Bf16Error),
                c.ImagesPerSecond is { } rate ? F($"{rate:0.0}") : "-", c.Bf16Kernel ?? "-", c.Detail ?? "",
            }.Select(Markup.Escape)]);
        }
        table.Caption(F($"relative errors against FP64; FP32 must stay within {ProbeVerdict.Fp32Tolerance}, BF16 within {ProbeVerdict.Bf16Tolerance}"));
        return table;
    }

    private static string Cache(CacheLevel c) =>
        F($"L{c.Level} {c.Kind} {c.SizeKiB} KiB") + (c.SharedBy > 0 ? F($", shared by {c.SharedBy}") : "") + $" (leaf {c.Leaf})";

    private static string Error(double? e) => e is { } v ? F($"{v:g3}") : "-";

    private static string Or(string value, string empty) => value.Length > 0 ? value : empty;

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
