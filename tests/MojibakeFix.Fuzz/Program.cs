using System.Buffers;
using System.Text;
using MojibakeFix;
using SharpFuzz;

// The fuzz target: any bytes, read as UTF-8 (invalid bytes included) and as UTF-16 code units. A violated
// invariant throws, which AFL++ records as a crash (see run.sh).
Fuzzer.OutOfProcess.Run(stream =>
{
    using var ms = new MemoryStream();
    stream.CopyTo(ms);
    byte[] bytes = ms.ToArray();
    Check(Encoding.UTF8.GetString(bytes));
    Check(new string(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(bytes.AsSpan(0, bytes.Length & ~1))));

    // The UTF-8 path agrees with the string path on the valid part, and keeps invalid bytes.
    var writer = new ArrayBufferWriter<byte>();
    Mojibake.FixUtf8(bytes, writer);
    if (System.Text.Unicode.Utf8.IsValid(bytes) && Encoding.UTF8.GetString(writer.WrittenSpan) != Mojibake.Fix(Encoding.UTF8.GetString(bytes)))
    {
        throw new InvalidOperationException("UTF-8 path disagrees with the string path");
    }
});

static void Check(string text)
{
    string once = Mojibake.Fix(text);
    if (Mojibake.Fix(once) != once)
    {
        throw new InvalidOperationException("not idempotent");
    }

    if (once.Length > text.Length)
    {
        throw new InvalidOperationException("output longer than input");
    }

    if (!HasLoneSurrogate(text) && HasLoneSurrogate(once))
    {
        throw new InvalidOperationException("repair produced invalid UTF-16");
    }

    if (Mojibake.FixAndExplain(text).Text != once)
    {
        throw new InvalidOperationException("FixAndExplain disagrees with Fix");
    }

    var destination = new char[text.Length];
    if (!Mojibake.TryFix(text, destination, out int written) || new string(destination, 0, written) != once)
    {
        throw new InvalidOperationException("span core disagrees with Fix");
    }
}

static bool HasLoneSurrogate(string s)
{
    for (int i = 0; i < s.Length; i++)
    {
        if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            i++;
        }
        else if (char.IsSurrogate(s[i]))
        {
            return true;
        }
    }

    return false;
}
