using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lighten.Core.IO;

/// <summary>A YAML syntax error: the line it is at and YamlDotNet's words for it.</summary>
/// <param name="Line">The 1-based line.</param>
/// <param name="Message">YamlDotNet's message.</param>
/// <param name="Detail">The innermost message on one line (YamlDotNet wraps the scanner's).</param>
/// <param name="Exception">The error YamlDotNet raised.</param>
public sealed record YamlSyntaxError(long Line, string Message, string Detail, Exception Exception);

/// <summary>
/// What Lighten's YAML readers (pipeline files, target profiles, preprocessing) share: parsing with the line of a
/// syntax error, null values, and typed scalars read the same way everywhere. Each reader keeps its own error type
/// and words.
/// </summary>
public static class YamlText
{
    private const string UnclosedToEnd = "an unclosed bracket, brace or quote runs to the end of the file";

    /// <summary>The root of the first document in <paramref name="text"/>, or null when it holds none.</summary>
    /// <param name="text">The YAML.</param>
    /// <param name="malformed">Builds the reader's error for a syntax error; it is thrown.</param>
    public static YamlNode? Load(string text, Func<YamlSyntaxError, Exception> malformed)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(malformed);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw malformed(new YamlSyntaxError(e.Start.Line, e.Message, (e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" "), e));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner runs off the end of an unclosed flow collection with this instead of a YamlException.
            throw malformed(new YamlSyntaxError(text.Split('\n').Length, UnclosedToEnd, UnclosedToEnd, e));
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    /// <summary>Whether <paramref name="node"/> is YAML's null: empty, <c>~</c> or <c>null</c>, unquoted.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted), Value: null or "" or "~" or "null" };

    /// <summary>Reads a finite number in the invariant culture (<c>1e-3</c>, <c>0.5</c>, <c>12</c>).</summary>
    public static bool TryNumber(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Reads a whole number in the invariant culture.</summary>
    public static bool TryInteger(string? text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>A YAML boolean (<c>true</c>/<c>false</c>, <c>yes</c>/<c>no</c>, <c>on</c>/<c>off</c>, any case), or null for anything else.</summary>
    public static bool? Flag(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => null,
    };
}
