namespace MojibakeFix.Lossy;

/// <summary>
/// How often two letters or marks of a script of three bytes of UTF-8 outside the CJK table (U+0800–U+1FFF: Indic,
/// Thai, Georgian, Tibetan, Myanmar…) stand side by side in real text, a space standing for a word's start. Shift_JIS
/// loses a letter's last byte together with the next letter's lead into one marker (इल: E0 A4 87 | E0 A4 B2, and
/// 87 E0 makes no pair): the lost letter is the one the letters on both sides of it keep company with.
/// </summary>
internal static partial class ScriptPairs
{
    private static readonly Lazy<(Dictionary<int, int> Pairs, Dictionary<char, int> Before)> s_table = new(() =>
    {
        var pairs = new Dictionary<int, int>(All.Length / 3);
        var before = new Dictionary<char, int>();
        for (int i = 0; i + 2 < All.Length; i += 3)
        {
            pairs.Add(All[i] << 16 | All[i + 1], All[i + 2]);
            before[All[i]] = before.GetValueOrDefault(All[i]) + All[i + 2];
        }

        return (pairs, before);
    });

    /// <summary>Whether the table counts <paramref name="c"/>: a letter or mark of U+0800–U+1FFF.</summary>
    internal static bool IsScriptLetter(char c) => c is >= '\u0800' and < '\u2000' && WordEndings.IsWordChar(c);

    /// <summary>
    /// What <see cref="Weigh"/> takes for the character before a letter: <paramref name="before"/> where the table
    /// counts it, a space where no word goes on there, U+0000 where a letter of another script does (nothing to weigh).
    /// </summary>
    internal static char LeftOf(char before) => IsScriptLetter(before) ? before : WordEndings.IsWordChar(before) ? '\0' : ' ';

    /// <summary>
    /// The log weight of <paramref name="c"/> between <paramref name="previous"/> (a space at a word's start) and
    /// <paramref name="next"/> (U+0000: not known): the chance of the pair before it times that of <paramref name="next"/>
    /// after it, each smoothed by half a count; <see cref="double.NegativeInfinity"/> where neither pair was seen.
    /// </summary>
    internal static double Weigh(char previous, char c, char next)
    {
        var (pairs, before) = s_table.Value;
        int left = pairs.GetValueOrDefault(previous << 16 | c);
        int right = next == '\0' ? 0 : pairs.GetValueOrDefault(c << 16 | next);
        if (left == 0 && right == 0)
        {
            return double.NegativeInfinity;
        }

        double weight = Math.Log((left + 0.5) / (before.GetValueOrDefault(previous) + 1.0));
        return next == '\0' ? weight : weight + Math.Log((right + 0.5) / (before.GetValueOrDefault(c) + 1.0));
    }
}
