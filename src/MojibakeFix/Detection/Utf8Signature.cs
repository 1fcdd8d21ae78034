namespace MojibakeFix.Detection;

/// <summary>The UTF-8 byte signature of a possible damage start: C3 82–C3 B4 (Â…ô) or C2 80–C2 9F (C1).</summary>
internal static class Utf8Signature
{
    internal static bool MayHoldDamage(ReadOnlySpan<byte> utf8)
    {
        int i = 0;
        while (true)
        {
            int k = utf8[i..].IndexOfAny((byte)0xC2, (byte)0xC3);
            if (k < 0)
            {
                return false;
            }

            i += k;
            if (i + 1 >= utf8.Length)
            {
                return false;
            }

            byte b = utf8[i + 1];
            if (utf8[i] == 0xC2 ? b is >= 0x80 and <= 0x9F : b is >= 0x82 and <= 0xB4)
            {
                return true;
            }

            i += 2;
        }
    }
}
