using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Ipynb;

/// <summary>Comparisons of JSON trees that respect what the writer would write differently.</summary>
internal static class JsonTree
{
    /// <summary>
    /// Whether two trees hold the same values with object keys in the same order (unlike
    /// <see cref="JsonNode.DeepEquals"/>, which ignores key order). Scalars compare by value: <c>1.0</c> equals <c>1</c>.
    /// </summary>
    public static bool SameContent(JsonNode? a, JsonNode? b)
    {
        switch (a)
        {
            case null:
                return b is null || (b is JsonValue nullValue && nullValue.GetValueKind() == JsonValueKind.Null);
            case JsonObject objectA:
                if (b is not JsonObject objectB || objectA.Count != objectB.Count)
                {
                    return false;
                }
                using (var itemsB = objectB.GetEnumerator())
                {
                    foreach (var (key, value) in objectA)
                    {
                        itemsB.MoveNext();
                        if (!string.Equals(key, itemsB.Current.Key, StringComparison.Ordinal) || !SameContent(value, itemsB.Current.Value))
                        {
                            return false;
                        }
                    }
                }
                return true;
            case JsonArray arrayA:
                if (b is not JsonArray arrayB || arrayA.Count != arrayB.Count)
                {
                    return false;
                }
                for (var i = 0; i < arrayA.Count; i++)
                {
                    if (!SameContent(arrayA[i], arrayB[i]))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return b is not null ? JsonNode.DeepEquals(a, b) : a.GetValueKind() == JsonValueKind.Null;
        }
    }
}
