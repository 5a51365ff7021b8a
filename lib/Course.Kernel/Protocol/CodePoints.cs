using System.Text;

namespace Course.Kernel.Protocol;

/// <summary>
/// Cursor positions: the protocol (5.2 and later) counts Unicode code points, .NET strings count UTF-16
/// code units. They differ after a character outside the Basic Multilingual Plane (an emoji).
/// </summary>
internal static class CodePoints
{
    /// <summary>The UTF-16 index of code point number <paramref name="codePoints"/> (clamped to the text).</summary>
    public static int ToUtf16(string text, int codePoints)
    {
        var index = 0;
        for (var seen = 0; seen < codePoints && index < text.Length; seen++)
        {
            index += char.IsSurrogatePair(text, index) ? 2 : 1;
        }
        return index;
    }

    /// <summary>How many code points precede UTF-16 index <paramref name="utf16Index"/>.</summary>
    public static int FromUtf16(string text, int utf16Index)
    {
        var count = 0;
        foreach (var _ in text.AsSpan(0, Math.Clamp(utf16Index, 0, text.Length)).EnumerateRunes())
        {
            count++;
        }
        return count;
    }
}
