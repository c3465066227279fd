using System.Text;
using Google.Protobuf;
using Onnx;
using AttributeType = Onnx.AttributeProto.Types.AttributeType;

namespace Lighten.Core.Onnx;

/// <summary>
/// Converts a node's <c>AttributeProto</c>s to typed <see cref="AttributeValue"/>s. Kinds Lighten does not
/// interpret (subgraphs, sparse tensors, type protos, lists of tensors, attribute references) become
/// <see cref="OpaqueAttribute"/>s holding the serialized proto, which the exporter writes back verbatim.
/// </summary>
internal static class AttributeReader
{
    public static List<KeyValuePair<string, AttributeValue>> Read(ImportContext context, NodeProto node, string nodeName)
    {
        var result = new List<KeyValuePair<string, AttributeValue>>(node.Attribute.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in node.Attribute)
        {
            if (!seen.Add(a.Name))
                throw context.Error($"attribute '{a.Name}' is given twice", nodeName, node.OpType);
            result.Add(new(a.Name, Convert(context, a, nodeName, node.OpType)));
        }
        return result;
    }

    private static AttributeValue Convert(ImportContext context, AttributeProto a, string nodeName, string opType)
    {
        if (a.RefAttrName.Length > 0) return Opaque(a);
        switch (a.Type)
        {
            case AttributeType.Int: return new IntAttribute(a.I);
            case AttributeType.Float: return new FloatAttribute(a.F);
            case AttributeType.String: return new StringAttribute(Utf8(a.S));
            case AttributeType.Ints: return new IntsAttribute([.. a.Ints]);
            case AttributeType.Floats: return new FloatsAttribute([.. a.Floats]);
            case AttributeType.Strings: return new StringsAttribute([.. a.Strings.Select(Utf8)]);
            case AttributeType.Tensor when a.T is not null:
                var place = new TensorPlace($"tensor of attribute '{a.Name}'", nodeName, opType);
                var tensor = TensorReader.Read(context, a.T, place, allowUnsupported: true);
                return tensor is null ? Opaque(a) : new TensorAttribute(tensor);
            default: return Opaque(a);
        }
    }

    // Invalid UTF-8 is replaced rather than refused: attribute strings are names and modes, never data.
    private static string Utf8(ByteString s) => Encoding.UTF8.GetString(s.Span);

    private static OpaqueAttribute Opaque(AttributeProto a) => new((int)a.Type, a.ToByteArray());

    /// <summary>The scalar or list value of a Constant node's <c>value_*</c> attribute, as a tensor; null for kinds Lighten does not hold.</summary>
    public static TensorData? ConstantValue(string attributeName, AttributeValue value) => (attributeName, value) switch
    {
        ("value", TensorAttribute t) => t.Value,
        ("value_float", FloatAttribute f) => TensorData.FromFloats([], [f.Value]),
        ("value_floats", FloatsAttribute f) => TensorData.FromFloats([f.Values.Length], f.Values.AsSpan()),
        ("value_int", IntAttribute i) => TensorData.FromInt64s([], [i.Value]),
        ("value_ints", IntsAttribute i) => TensorData.FromInt64s([i.Values.Length], i.Values.AsSpan()),
        _ => null,
    };
}
