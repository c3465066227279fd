using Lighten.Core;

namespace Lighten.Pipeline.Config;

/// <summary>A pipeline file that cannot be used: malformed YAML, an unknown or missing key, a value out of range; the message names the line.</summary>
public sealed class PipelineConfigException(string message, string? file = null) : LightenException(message, file);
