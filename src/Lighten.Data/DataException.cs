using Lighten.Core;

namespace Lighten.Data;

/// <summary>
/// Bad input data: an unreadable or corrupt image, an empty dataset, an annotation missing a field,
/// or a preprocessing setting that cannot be applied. The message names the file (and annotation) at fault.
/// </summary>
public sealed class DataException(string message, string? file = null) : LightenException(message, file);
