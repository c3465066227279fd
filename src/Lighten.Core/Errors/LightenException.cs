namespace Lighten.Core;

/// <summary>
/// Base of every error Lighten raises on purpose. It carries the place of the problem
/// (file, node, op type) so that a command can print one line that names it.
/// </summary>
public class LightenException : Exception
{
    /// <summary>Creates an error with an optional place.</summary>
    public LightenException(string message, string? file = null, string? node = null, string? opType = null, Exception? inner = null)
        : base(message, inner)
    {
        File = file;
        NodeName = node;
        OpType = opType;
    }

    /// <summary>The file the problem is in, when known.</summary>
    public string? File { get; private set; }

    /// <summary>The node the problem is at, when known.</summary>
    public string? NodeName { get; }

    /// <summary>The op type of that node, when known.</summary>
    public string? OpType { get; }

    /// <summary>The message with its options spelled <c>option 'KEY'</c>; front ends spell them with <see cref="Describe"/>.</summary>
    public override string Message => OptionKey.Render(base.Message);

    /// <summary>The message as raised, options still as <see cref="OptionKey.Ref"/> placeholders.</summary>
    public string Template => base.Message;

    /// <summary>The message with every option spelled by <paramref name="optionName"/> (see <see cref="OptionKey.Render"/>).</summary>
    public string Render(Func<string, string?>? optionName) => OptionKey.Render(Template, optionName);

    /// <summary>Whether the error comes from the user's input (exit code 2) rather than from a failure inside Lighten.</summary>
    public virtual bool IsBadInput => true;

    /// <summary>One line naming the file, node and op, then the message, its options spelled by <paramref name="optionName"/>.</summary>
    public string Describe(Func<string, string?>? optionName = null)
    {
        var message = Render(optionName);
        var place = new List<string>();
        if (File is not null) place.Add(File);
        if (NodeName is not null) place.Add(OpType is null ? $"node '{NodeName}'" : $"node '{NodeName}' ({OpType})");
        else if (OpType is not null) place.Add(OpType);
        return place.Count == 0 ? message : $"{string.Join(": ", place)}: {message}";
    }

    /// <summary>Fills in the file when it was not known where the error was raised; returns this error.</summary>
    public LightenException WithFile(string file)
    {
        File ??= file;
        return this;
    }
}

/// <summary>A model file that cannot be read: missing, empty, not ONNX, truncated, or with unsafe external data.</summary>
public sealed class ModelFormatException(string message, string? file = null, string? node = null, string? opType = null, Exception? inner = null)
    : LightenException(message, file, node, opType, inner);

/// <summary>A graph that breaks an invariant: a dangling input, a cycle, a duplicate name, an inconsistent shape.</summary>
public sealed class GraphValidationException(string message, string? node = null, string? opType = null, string? file = null)
    : LightenException(message, file, node, opType);

/// <summary>A node whose output shapes cannot be inferred from its inputs (for example mismatched channels).</summary>
public sealed class ShapeInferenceException(string message, string? node = null, string? opType = null)
    : LightenException(message, null, node, opType);

/// <summary>An option value that cannot be understood, such as unparsable input shapes; the message names the option with <see cref="OptionKey.Ref"/>.</summary>
public sealed class OptionException(string message) : LightenException(message);
