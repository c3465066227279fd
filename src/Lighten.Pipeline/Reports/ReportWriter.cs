using Lighten.Core.IO;

namespace Lighten.Pipeline.Reports;

/// <summary>Writes report.md, report.json and report.html atomically into the run's folder.</summary>
public static class ReportWriter
{
    /// <summary>The Markdown report's file name.</summary>
    public const string Markdown = "report.md";

    /// <summary>The JSON report's file name.</summary>
    public const string JsonFile = "report.json";

    /// <summary>The HTML report's file name.</summary>
    public const string Html = "report.html";

    /// <summary>Writes the three reports into <paramref name="directory"/>.</summary>
    public static void WriteAll(PipelineReport report, string directory)
    {
        AtomicFile.WriteAllText(Path.Combine(directory, Markdown), MarkdownReport.Render(report));
        AtomicFile.WriteAllText(Path.Combine(directory, JsonFile), JsonReport.Render(report));
        AtomicFile.WriteAllText(Path.Combine(directory, Html), HtmlReport.Render(report));
    }
}
