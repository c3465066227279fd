using System.Text.Json;

namespace Lighten.Cli.Tests.Contract;

/// <summary>
/// A small JSON Schema checker for the CLI's output schemas: <c>type</c> (one or a list), <c>properties</c>,
/// <c>required</c>, <c>additionalProperties: false</c>, <c>items</c> and <c>enum</c>. Returns every mismatch with its path.
/// </summary>
public static class JsonSchemaCheck
{
    public static List<string> Check(JsonElement value, JsonElement schema, string path = "$")
    {
        var errors = new List<string>();
        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!allowed.Any(t => Is(value, t)))
            {
                errors.Add($"{path}: expected {string.Join("|", allowed)}, got {value.ValueKind}");
                return errors;
            }
        }
        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => o.ToString() == value.ToString()))
            errors.Add($"{path}: '{value}' is not one of {options}");
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                    if (!value.TryGetProperty(name, out _)) errors.Add($"{path}: missing '{name}'");
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            bool closed = schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False;
            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var sub))
                    errors.AddRange(Check(property.Value, sub, $"{path}.{property.Name}"));
                else if (closed) errors.Add($"{path}: unexpected '{property.Name}'");
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            int i = 0;
            foreach (var item in value.EnumerateArray()) errors.AddRange(Check(item, items, $"{path}[{i++}]"));
        }
        return errors;
    }

    private static bool Is(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new ArgumentException($"unknown schema type '{type}'"),
    };
}
