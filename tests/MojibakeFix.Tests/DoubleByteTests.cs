using FsCheck;
using FsCheck.Fluent;
using MojibakeFix.CodePages;
using MojibakeFix.Corpus;
using MojibakeFix.Lossy;
using MojibakeFix.Repair;
using MojibakeFix.Tests.Support;
using Xunit;

namespace MojibakeFix.Tests;

/// <summary>UTF-8 misread as GBK, Shift_JIS, EUC-KR or Big5 (the damage made by .NET's own decoders).</summary>
public class DoubleByteTests
{
    public static TheoryData<string, int, string> LosslessCases()
    {
        var data = new TheoryData<string, int, string>();
        string[] texts =
        [
            "文件不存在", "无法打开文件 %s", "设置已保存。", "新しいパスワードを入力してください", "ファイルを開けません",
            "파일을 열 수 없습니다", "設定を保存しました", "Français", "Café au lait", "Привет, мир", "Ελληνικά",
            "错误：没有找到文件", "エラーが発生しました",
        ];
        foreach (var (codePage, name) in new[] { (936, "gbk"), (932, "shift_jis"), (949, "euc-kr"), (950, "big5") })
        {
            foreach (string text in texts)
            {
                // Only the damage that kept every byte: the repair is then exact and proven.
                if (Damage.DoubleByteIsLossless(text, codePage))
                {
                    data.Add(text, codePage, name);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LosslessCases))]
    public void Lossless_damage_is_reversed_exactly_and_named(string text, int codePage, string name)
    {
        string damaged = Damage.DoubleByte(text, codePage);
        var result = Mojibake.FixAndExplain(damaged);
        Assert.Equal(text, result.Text);
        Assert.NotEmpty(result.Steps);
        Assert.All(result.Steps, step =>
        {
            Assert.False(step.IsGuess);
            Assert.Equal([name], step.Encodings);
        });
    }

    [Theory]
    [InlineData("인자가 너무 많음", 936)] // 많음 reads as 毵庫潓: common syllables, no frequent pair of their own
    [InlineData("유저 평점", 936)]
    [InlineData("엘리먼트가 아직 열림", 936)]
    public void A_word_without_evidence_of_its_own_is_taken_in_a_line_the_page_proves(string text, int codePage)
    {
        string damaged = Damage.DoubleByte(text, codePage);
        Assert.True(Damage.DoubleByteIsLossless(text, codePage));
        Assert.Equal(text, Mojibake.Fix(damaged));
        Assert.Equal(text, Mojibake.Fix(text)); // the words alone, correct, stay as they are
        foreach (string word in text.Split(' '))
        {
            Assert.Equal(word, Mojibake.Fix(word));
        }
    }

    [Theory]
    [InlineData("Non c'è alcuna garanzia", 936)] // c'猫: a CJK character attached to an elided Latin word
    [InlineData("Lecture jusqu'à %s", 936)]
    [InlineData("klarte ikke å velge bort %s", 932)] // Norwegian å, a lone word, from rare half-width katakana
    [InlineData("l'argomento di --%1$s è troppo grande", 932)] // after a format directive
    [InlineData("è richiesto specificare --branch", 949)] // at the start of the line
    [InlineData("Il file non è stato salvato nella cartella", 936)] // 猫 between words that keep è company (non, stato, il)
    [InlineData("È stato impossibile aprire il file di configurazione", 936)] // 脠, a capital opening the line
    [InlineData("Met à jour la liste des paquets de la source", 936)] // 脿 among French words that keep à company
    [InlineData("Il file non è stato salvato nella cartella", 950)] // Big5 reads è as an ideograph too
    [InlineData("errore: il file di input \"%s\" è vuoto", 936)] // after a closing quote
    [InlineData("il file \"%s\" è stato salvato", 932)]
    [InlineData("Il servizio è disponibile", 936)] // two words of company, and "è disponibile" is read in real text
    [InlineData("Commande à ajouter", 936)]
    public void A_lone_vowel_word_in_latin_text_is_read_where_correct_text_would_not_put_one(string text, int codePage) =>
        AssertRestoredExactly(text, codePage);

    [Theory]
    [InlineData("Podpis nie został zaakceptowany.", 932)] // zostaﾅ・: ł's second byte went into the marker with the space
    [InlineData("Este necesară autentificarea pentru a elimina programe", 932)]
    [InlineData("Zabić proces %d?", 932)]
    public void A_latin_word_whose_last_letter_went_into_the_marker_with_the_space_after_it_is_read(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    [Theory]
    [InlineData("扩展程序已经安装", 932)] // 装 (E8 A3 85) or 裝 (E8 A3 9D): 扩, 展 and 经 make the line simplified
    [InlineData("擴充程式已經安裝", 932)] // the same line in traditional characters: 裝
    [InlineData("將此檔案套用到目前的版本", 932)] // 将 or 將 lost at the line's start: 檔 and 當 make it traditional
    [InlineData("设置将在下次启动时执行", 932)]
    [InlineData("游標是否在視窗之內", 932)] // 内 or 內, at the end
    [InlineData("光标是否在窗口之内", 932)]
    [InlineData("設定檔案的路徑", 932)] // 径 or 徑
    [InlineData("设置文件的路径", 932)]
    public void A_guessed_ideograph_keeps_to_the_written_form_of_its_line(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    [Theory]
    [InlineData("Die Datei „%s“ wird immer noch aktualisiert.", 932)] // 窶・s窶・: the marker ・ stands for lost bytes
    [InlineData("%s: Verzeichnis „%s“ wird verlassen", 932)]
    public void Shift_jis_marker_is_not_counted_as_a_common_character_of_the_damage(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    [Theory]
    [InlineData("알 수 없는 오류", 936)] // 알's last byte went with the space, and so did 수's: 수 is guessed first, then 알 before it
    [InlineData("연결할 수 없음", 936)]
    [InlineData("볼 수 있습니다", 936)]
    public void A_syllable_lost_before_a_word_that_lost_its_own_last_byte_is_read_before_that_word(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    [Theory]
    [InlineData("이 동의서를 읽었습니다", 936)] // 이 alone before a space: a word of its own, which 을 (more frequent at a word's end) never is
    [InlineData("이 파일은 비어 있습니다", 936)]
    [InlineData("이 동작을 취소할 수 없습니다", 936)]
    [InlineData("새 파일을 추가합니다", 936)]
    public void A_syllable_lost_at_the_start_of_a_line_is_read_as_a_word_of_its_own(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    [Theory]
    [InlineData("हमेशा छवि दिखाएँ", 936)] // हमेश + ा: the four letters before it (LetterEndings) said न; the whole word says ा
    [InlineData("প্যাটার্ন", 936)]
    [InlineData("তথ্য একত্রিত করা হচ্ছে", 936)]
    [InlineData("પેલેટ (_P):", 936)]
    public void A_long_words_lost_last_letter_is_read_from_the_words_that_begin_so(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    [Theory]
    [InlineData("‘N’ is only meaningful with the ‘x’ and ‘d’ options", 936)] // 鈥榵鈥?: the lost quote after ‘x closes it as ’, not ”
    [InlineData("invalida ‘lrlive’ '%lu'", 936)]
    [InlineData("use the ‘fast’ mode", 936)]
    public void A_lost_closing_quote_closes_the_single_quote_the_line_left_open(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    [Theory]
    [InlineData("অ'চাগে", 936)] // 唳?: অ lost its last byte first in the line, where no vowel sign can stand
    [InlineData("ক বা খ", 936)]
    public void A_letter_lost_first_in_its_line_is_no_mark_and_the_line_is_repaired(string text, int codePage)
    {
        string damaged = Damage.DoubleByte(text, codePage);
        Assert.False(Damage.DoubleByteIsLossless(text, codePage));
        string repaired = Mojibake.Fix(damaged);
        Assert.NotEqual(damaged, repaired);
        Assert.DoesNotContain(repaired, c => c >= DoubleByteCodePages.First);
        Assert.False(System.Globalization.CharUnicodeInfo.GetUnicodeCategory(repaired[0]) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark);
    }

    [Theory]
    [InlineData("sử dụng tập tin mẫu đã cho", 936)] // s峄?d: the space went with ử's last byte; "d" after it says sử (sử dụng), not số
    [InlineData("nâng cấp các gói trong hệ thống", 936)] // hệ before "th" (hệ thống), not hỗ
    [InlineData("(để trống) không chọn gì", 936)]
    public void A_words_lost_last_letter_is_read_with_the_first_letters_of_the_next_word(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    [Theory]
    [InlineData("ফাইলৰ নাম", 936)] // 唰?唳ㄠ: the space went with ৰ's last byte; ন after it says ফাইলৰ (ফাইলৰ নাম)
    [InlineData("માપ બતાવો", 936)]
    [InlineData("ট্যাব পূরণ", 936)]
    [InlineData("तयार करत आहे", 936)]
    public void A_words_lost_last_letter_is_read_with_the_first_letter_of_the_next_word_in_its_script(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    [Theory]
    [InlineData("Srednjovjekovni engleski (1100. – 1500.)", 936)] // 鈥?: the only non-ASCII of the line, – with the space lost after it
    [InlineData("puuttuva end-lainaus”", 936)]
    [InlineData("Srednjovjekovni engleski (1100. – 1500.)", 932)]
    [InlineData("puuttuva end-lainaus”", 932)]
    public void A_lone_mark_that_lost_its_last_byte_in_latin_text_is_repaired(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    [Theory]
    [InlineData("chyba při čtení „%s“: %s\n", 936)] // 鈥?%s: the colon went with “'s last byte; a placeholder after the space says ':', not ','
    [InlineData("Kunde inte läsa in ”%s”: %s", 936)]
    [InlineData("Не могу да учитам слику „%s“: %s", 936)]
    [InlineData("Não foi possível carregar “%s”: %s", 936)]
    [InlineData("Não foi possível carregar “%s”: %s", 932)]
    [InlineData("duplicerad DEFINE ”%s” - överhoppad", 936)] // contexts seen five times count too: a space and a dash after it
    [InlineData("ogiltig symbol ”%s” - hoppar över ord", 936)]
    [InlineData("неправилен подпис: „0x%08x“", 936)]
    public void The_character_a_lost_mark_took_along_is_read_with_the_two_characters_after_it(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    [Theory]
    [InlineData("%s은(는) 너무 큽니다", 936)] // 鞚€(電? 雱堧: ) went with 는's last byte; the parenthesis left open says so
    [InlineData("\"%s\"은(는) 알 수 없는 키입니다", 936)]
    [InlineData("(未知的物件)\n", 936)]
    [InlineData("無效的指令 (沒有這樣的指令)\n", 936)]
    public void The_character_lost_with_a_byte_closes_the_parenthesis_the_line_left_open(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    [Theory]
    [InlineData("Изтрит е етикетът „%s“ (бе „%s“)\n", 936)] // 鈥?\n: “'s marker took the ) the line left open, not a comma
    [InlineData("nelze smazat „%s“ (soubor „%s“).", 936)]
    [InlineData("Cannot open the file (“%s”), skipping", 936)]
    public void The_character_a_lost_mark_took_along_closes_the_parenthesis_the_line_left_open(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    [Theory]
    [InlineData("使用真实货币赌博", 936)] // 货, 币 and 赌 are rare in software messages (the frequency table) but GB 2312's first level
    [InlineData("西盆地省", 936)]
    [InlineData("碧差汶府", 936)]
    [InlineData("KFormula 公式", 936)] // a word of two, both frequent, from damage all rare
    [InlineData("罗技 iTouch Internet Navigator SE USB", 936)]
    public void Chinese_of_the_standards_common_characters_is_read_back_though_the_frequency_table_misses_some(string text, int codePage) =>
        AssertRestoredExactly(text, codePage);

    [Theory]
    [InlineData("Σλοβακικά", 936)] // 危位慰尾伪魏喂魏维: common hanzi, but no two of them stand together in real text
    [InlineData("EMT παγίδα", 936)]
    [InlineData("תסריט Python", 936)]
    public void Four_letters_of_one_script_from_common_hanzi_that_make_no_frequent_pair_are_read_back(string text, int codePage) =>
        AssertRestoredExactly(text, codePage);

    [Theory]
    [InlineData("级别：", 932)] // 郤ｧ蛻ｫ・・: ：'s EF BC went into one marker, its last byte into another
    [InlineData("令，可用的命令为：", 932)]
    public void A_full_width_form_that_shift_jis_lost_into_two_markers_at_the_end_is_guessed(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    [Theory]
    [InlineData("服务器响应信息为：%s", 932)] // 荳ｺ・・s: the second marker took the last byte of ： and the % after it
    [InlineData("错误：%lu", 932)]
    public void A_full_width_form_that_shift_jis_lost_into_two_markers_inside_the_text_is_guessed_with_what_they_took(string text, int codePage) =>
        AssertRestoredFromLoss(text, codePage);

    /// <summary>Damage of <paramref name="text"/> that lost bytes is restored exactly, guessing.</summary>
    private static void AssertRestoredFromLoss(string text, int codePage)
    {
        string damaged = Damage.DoubleByte(text, codePage);
        Assert.False(Damage.DoubleByteIsLossless(text, codePage));
        Assert.Equal(text, Mojibake.Fix(damaged));
        Assert.Equal(text, Mojibake.Fix(text));
    }

    [Theory]
    [InlineData("tập tin đặc biệt khối", 936)] // Vietnamese letters with a tone mark take three bytes (E1 BA/BB xx)
    [InlineData("lỗi ghi cho %s", 936)]
    [InlineData("tập tin đặc biệt khối", 932)]
    [InlineData("lỗi ghi cho %s", 949)]
    [InlineData("Đảo San Hô Palmyra", 936)] // (the rows above are read by other rules too: these short lines need this one)
    [InlineData("Đảo San Hô Palmyra", 949)]
    [InlineData("Thi-moa Le-xợ-te", 932)]
    public void A_line_of_vietnamese_reads_as_latin_text(string text, int codePage) => AssertRestoredExactly(text, codePage);

    [Theory]
    [InlineData("ཡིག་སྣོད་ ཁ་ཕྱེ།", 936)] // the tsheg and the shad lost with what followed (嗉?)
    [InlineData("ফাইল পাওয়া যায়নি।", 936)] // the danda
    public void A_scripts_own_punctuation_lost_at_the_end_of_a_word_is_guessed(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    [Theory]
    [InlineData("cannot open “%s” for writing", 936)] // 鈥?s鈥?: English words alone give the quotes their English shape
    [InlineData("the value “%s” is too large.", 936)]
    [InlineData("Datei „%s“ wird nicht gelesen", 936)] // and German words keep „…“
    [InlineData("Der Wert „%s“ ist zu groß", 936)] // a lost quote closing the open double one is not a single ’
    [InlineData("The email address “%s” is associated with %d key!", 936)] // words other languages borrow (email, key) are English too
    [InlineData("Beskedtypen “%s” er ikke den forventede type, “%s”", 936)] // Danish words without æ, ø or å
    [InlineData("Variabel ”%s” kan inte befinna sig i flera små dataområden", 936)] // Swedish ”…”, not Danish or Norwegian
    public void A_lost_double_quote_takes_the_shape_of_the_lines_language(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    [Theory]
    [InlineData("Dịch vụ chứng thực", 936)] // D峄媍h v峄?: the letter after "Dịch v", the run before read, not after "媍h v"
    [InlineData("Máy phục vụ HTTP", 936)]
    [InlineData("lỗi nội bộ", 936)]
    public void A_lost_letter_is_guessed_after_the_words_before_it_as_read(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    [Theory]
    [InlineData("पृष्ठ १२", 936)] // the digits of a script count as that script's, beside its letters
    public void A_word_and_the_digits_of_its_script_read_as_one_script(string text, int codePage)
    {
        string damaged = Damage.DoubleByte(text, codePage);
        Assert.Equal(text, Mojibake.Fix(damaged));
        Assert.Equal(text, Mojibake.Fix(text));
    }

    [Theory]
    [InlineData("ኤፕረል", 936)] // Ethiopic letters of both its Unicode blocks (U+12A4, U+1355) are one script
    [InlineData("ፈረንሳይኛ", 936)]
    public void A_word_of_ethiopic_reads_as_one_script(string text, int codePage) => AssertRestoredExactly(text, codePage);

    [Theory]
    [InlineData("Voleu instal·lar aquests paquets?", 936)] // Catalan l·l: 路 between two l
    [InlineData("¿Borrar esta firma desconocida? (s/N)", 936)] // ¿ opens a word whose sentence ? closes
    [InlineData("¡No tengo nombre de usuario!", 950)]
    [InlineData("Benutzerdefiniert %s×%s", 936)] // × between format directives
    [InlineData("Durchsuchen …", 932)] // an ellipsis, the line's only non-ASCII character, at its end
    [InlineData("Dastur qoʻllanmasi mualliflari", 936)] // Uzbek ʻ (U+02BB) is a letter of a Latin line
    public void Punctuation_that_correct_text_never_writes_as_such_a_character_is_read(string text, int codePage) =>
        AssertRestoredExactly(text, codePage);

    [Theory]
    [InlineData("Mover a xanela a\u0301 esquina superior", 936)] // a decomposed accent: U+0301 after a, CC 81
    [InlineData("Os ti\u0301tulos das xanelas", 936)]
    public void A_decomposed_accent_after_a_latin_letter_is_read(string text, int codePage) => AssertRestoredExactly(text, codePage);

    /// <summary>Lossless damage of <paramref name="text"/> through the page is restored exactly; the text itself stays.</summary>
    private static void AssertRestoredExactly(string text, int codePage)
    {
        string damaged = Damage.DoubleByte(text, codePage);
        Assert.True(Damage.DoubleByteIsLossless(text, codePage));
        Assert.NotEqual(text, damaged);
        Assert.Equal(text, Mojibake.Fix(damaged));
        Assert.Equal(text, Mojibake.Fix(text));
    }

    [Theory]
    [InlineData("使用Linux系统")] // a hanzi glued to a Latin word
    [InlineData("驴是一种动物")]
    [InlineData("路由 l路l")]
    [InlineData("尺寸 3脳4")]
    public void Cjk_text_beside_latin_words_stays(string text) => Assert.Equal(text, Mojibake.Fix(text));

    [Theory]
    [InlineData("the word 猫 means cat")] // a hanzi quoted in English: 猫 would read as è through GBK
    [InlineData("Il carattere 猫 significa gatto")]
    [InlineData("the character 脿 is rare")]
    [InlineData("Press 'cat'猫。")]
    public void A_lone_hanzi_in_latin_text_stays(string text) => Assert.Equal(text, Mojibake.Fix(text));

    [Fact]
    public void There_are_lossless_cases_for_every_code_page()
    {
        var pages = LosslessCases().Select(row => (int)row[1]).Distinct().Order().ToArray();
        Assert.Equal([932, 936, 949, 950], pages);
    }

    // The damage repaired back to the text exactly, with at least one step marked as a guess.
    // Damaged as the code page (losing bytes), the text comes back whole, with a guess among its steps.
    private static void AssertGuessedFromLoss(string text, int codePage)
    {
        string damaged = Damage.DoubleByte(text, codePage);
        Assert.False(Damage.DoubleByteIsLossless(text, codePage));
        AssertRestoredWithAGuess(damaged, text);
    }

    private static void AssertRestoredWithAGuess(string damaged, string text)
    {
        var result = Mojibake.FixAndExplain(damaged);
        Assert.Equal(text, result.Text);
        Assert.Contains(result.Steps, step => step.IsGuess);
    }

    [Theory]
    [InlineData("鍙戦€佹垚鍔?", "发送成功")] // the byte the decoder lost shows as ? (the issue's example)
    [InlineData("鍙戦€佹垚鍔", "发送成功")] // ... or was dropped
    public void A_lost_byte_is_restored_as_a_guess(string damaged, string expected)
    {
        AssertRestoredWithAGuess(damaged, expected);
    }

    [Theory]
    [InlineData("会話はイベントを待っています")]
    [InlineData("認証トークンエージングが無効です")]
    [InlineData("モジュールが不明です")]
    [InlineData("データを要求中")] // テ's last byte with ー's lead, ー's continuations in a second marker
    [InlineData("Синхронизация файлов")]
    [InlineData("Μορφοποίηση κειμένου")]
    [InlineData("اسم الخدمة من الخدمات المختارة")] // a row of markers read as letters
    [InlineData("Nie można przetworzyć nieprawidłowego katalogu")]
    public void A_guess_for_lost_shift_jis_bytes_damages_back_to_the_input(string text)
    {
        // Shift_JIS shows a lost byte (or two) as ・; whatever is guessed, damaging it again gives the span it
        // replaced (what cannot be guessed is left as it was).
        string damaged = Damage.DoubleByte(text, 932);
        Assert.False(Damage.DoubleByteIsLossless(text, 932));
        var result = Mojibake.FixAndExplain(damaged);
        Assert.Contains(result.Steps, step => step.IsGuess);
        Assert.All(result.Steps, step => Assert.Equal(step.Original, Damage.DoubleByte(step.Replacement, 932)));
    }

    /// <summary>
    /// Shift_JIS reads the last byte of a character (81–9F, a lead to it) and the byte after it as one pair it has no
    /// character for: one ・ for both. GBK does the same with a space, a digit or most punctuation after a CJK
    /// character's last byte: one ? for both. The guess restores the character and what the pair took along.
    /// </summary>
    [Theory]
    [InlineData("警告: %s", 932)] // the colon after 告 went into the marker with 告's last byte
    [InlineData("找到了 3 个错误", 932)] // a space before a digit
    [InlineData("已删除 %d 个文件", 932)]
    [InlineData("%s という名前のプログラム", 932)] // い's last byte took う's lead along, う's continuations follow
    [InlineData("ソケットを作成できません", 932)] // ッ's took ト's
    [InlineData("無効な引数です", 932)] // す's last byte alone at the end: です ends Japanese sentences
    [InlineData("очаква се „%s“", 932)] // a punctuation mark's last byte with the % after it
    [InlineData("неправилен ред — липсва втора лексема", 932)]
    [InlineData("%s：选项名称无效", 932)] // ：'s lead and first continuation (EF BC, no pair) right after ASCII
    [InlineData("git %s：无法读取索引", 932)]
    [InlineData("已删除 %d 个文件", 936)] // a space before %d
    [InlineData("正在连接服务器: %s", 936)] // a colon before a space
    [InlineData("找到了 3 个错误", 936)] // a space before a digit
    [InlineData("保存到文件: %s", 936)]
    public void A_lost_byte_is_guessed_with_what_the_marker_took_along(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    /// <summary>
    /// At the end of the text the marker may have taken an ASCII character along or stood alone. Where the line left a
    /// parenthesis open, the closing one is the likelier; where it did not, nothing is added.
    /// </summary>
    [Theory]
    [InlineData("静态过程 (无名称)", 936, true)]
    [InlineData("無効な値 (不明な形式)", 932, true)]
    [InlineData("слишком длинная строка (%lu байт)", 932, true)] // a Cyrillic letter's second byte, a lead to Shift_JIS
    [InlineData("формат POSIX 1003.1-1988 („ustar“)", 936, true)] // a closing quote's last byte
    [InlineData("формат POSIX 1003.1-1988 „ustar“", 936, false)]
    [InlineData("静态过程 无名称", 936, false)]
    [InlineData("静态过程 (无) 名称", 936, false)]
    public void A_lost_byte_at_the_end_closes_an_open_parenthesis(string text, int codePage, bool closes)
    {
        string damaged = Damage.DoubleByte(text, codePage);
        Assert.False(Damage.DoubleByteIsLossless(text, codePage));
        var result = Mojibake.FixAndExplain(damaged);
        Assert.Contains(result.Steps, step => step.IsGuess);
        Assert.Equal(closes, result.Text.EndsWith(')'));
        if (closes)
        {
            Assert.Equal(text, result.Text);
        }
    }

    /// <summary>
    /// A character lost at the end of CJK text before a parenthesis is weighed by the character inside it: Korean writes
    /// a particle's other form so, 이(가), not 을(가).
    /// </summary>
    [Theory]
    [InlineData("%s이(가) 범위를 벗어남", 936)]
    [InlineData("새 파일 %s이(가) 예전 내용에 의존합니다", 936)]
    public void A_character_lost_before_a_parenthesis_is_weighed_by_the_character_inside_it(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    /// <summary>
    /// A word's lost last letter is weighed by the word before it where one space parts them (the pairs of words the
    /// training quarter holds): bị after "Gói", tự before động after "đặt".
    /// </summary>
    [Theory]
    [InlineData("Gói bị hỏng", 936)]
    [InlineData("được cài đặt tự động", 936)]
    public void A_words_lost_last_letter_is_weighed_by_the_word_before_it(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    /// <summary>
    /// An angle bracket the line left open (a placeholder such as &lt;文件&gt;) closes at the marker that took an ASCII
    /// character along, where no '&gt;' follows before the next '&lt;', inside the text and at its end.
    /// </summary>
    [Theory]
    [InlineData("若 <表达式> 的值既不是", 936)]
    [InlineData("<索引偏移量过大>", 936)]
    public void A_lost_byte_closes_the_angle_bracket_the_line_left_open(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    /// <summary>
    /// At the end of an indented line (an option of a help screen, a tabbed column) the marker took the line break
    /// along: such lines end with one far more often than with nothing. A line that starts at its margin gets nothing.
    /// </summary>
    [Theory]
    [InlineData("  -a, --all   显示所有文件\n", 936, true)]
    [InlineData("\t%s 已经被使用。\n", 936, true)]
    [InlineData("  -v   バージョン情報を表示して終了\n", 932, true)] // 了's last byte alone: the line break is no trail
    [InlineData("显示所有文件\n", 936, false)]
    [InlineData("バージョン情報を表示して終了\n", 932, false)]
    public void A_lost_byte_at_the_end_of_an_indented_line_took_its_line_break(string text, int codePage, bool indented)
    {
        string damaged = Damage.DoubleByte(text, codePage);
        Assert.False(Damage.DoubleByteIsLossless(text, codePage));
        Assert.DoesNotContain('\n', damaged);
        Assert.Equal(indented ? text : text[..^1], Mojibake.Fix(damaged));
    }

    /// <summary>
    /// The ASCII character a marker took along is the opening quote or parenthesis of a closing one in the word after
    /// it, where none is open before; a quote or parenthesis right after the marker opens itself.
    /// </summary>
    [Theory]
    [InlineData("找不到\"%s\"命令", 936, true)] // 到's last byte took the opening quote: 鍒?%s"
    [InlineData("请使用\"%s\"选项", 936, true)]
    [InlineData("プログラムが必要ですが、\"%3$s\"と同じ", 936, true)]
    [InlineData("（使用 \"git restore\" 以取消）", 936, false)] // the marker took the space; the quote after it opens
    public void A_lost_byte_takes_the_opener_of_a_closing_quote_after_it(string text, int codePage, bool opener)
    {
        string damaged = Damage.DoubleByte(text, codePage);
        Assert.False(Damage.DoubleByteIsLossless(text, codePage));
        var result = Mojibake.FixAndExplain(damaged);
        Assert.Contains(result.Steps, step => step.IsGuess);
        Assert.Equal(text.Count(c => c == '"'), result.Text.Count(c => c == '"'));
        if (opener)
        {
            Assert.Equal(text, result.Text);
        }
    }

    [Theory]
    [InlineData("Nie można przetworzyć nieprawidłowego katalogu")] // ć's second byte 87 with the space after it
    [InlineData("błąd odczytu bloku kluczy")] // ą's 85 with the letter d after it: the word goes on
    [InlineData("początkowy")] // ą with t
    [InlineData("Änderungen werden gespeichert")]
    [InlineData("Синхронизация файлов")] // х's 85 with р's lead, р's continuation 80 after the marker
    [InlineData("Συμπιεσμένο αρχείο")] // ρχ: two markers, χ's lead in the first, its 87 with ε's lead in the second
    [InlineData("Нельзя открыть, файл занят")] // a comma before a space after a letter (SwallowedAscii after letters)
    [InlineData("Каталог пуст, файлов нет")] // ст and the comma: т, not К (no capital after a small letter)
    [InlineData("Лењинградска област")] // Serbian (њ tells): ст, not сь, which the letter model likes better
    [InlineData("Приказује ову помоћ и излази")] // ... ћ, not ю (ј tells)
    [InlineData("ошибка чтения в «%.250s»")] // ч from the letters after it too (чтен), not с (стен and стени are common)
    [InlineData("Вторичный текст")]
    public void A_letter_whose_second_byte_shift_jis_lost_is_guessed_from_the_letter_model(string text)
    {
        string damaged = Damage.DoubleByte(text, 932);
        Assert.Contains('・', damaged);
        AssertRestoredWithAGuess(damaged, text);
    }

    [Theory]
    [InlineData("Сигнал часов")] // ч at the word's start: часов was seen, фасов never
    [InlineData("еталонното хранилище „%s“ не е локално")] // х, not ф (франилище), the rest of the word read whole
    [InlineData("неправилно изписано число")] // ч, with с lost inside the rest of the word too (сисло never seen)
    [InlineData("პროგრამის შეცდომა")] // Georgian: მ, not ლ (პროგრალის)
    [InlineData("ბელარუსიის რესპუბლიკა")] // კა, not ლი (რესპუბლილი), the last letter lost too
    [InlineData("كۆرسەت")] // Uyghur: the word goes on from ۆ (DB) to ر (D8)
    public void A_lost_letter_inside_a_word_shift_jis_read_whole_is_weighed_by_the_words_seen(string text)
    {
        string damaged = Damage.DoubleByte(text, 932);
        Assert.Contains('・', damaged);
        AssertRestoredWithAGuess(damaged, text);
    }

    [Theory]
    [InlineData("Файл программы повреждён", 949)] // р lost inside words (D1 80: EUC-KR has no trail 80 after D1), ы at a word's end
    [InlineData("Файл программы повреждён", 950)] // ... and in Big5 (no trail 80–A0 at all)
    [InlineData("Προγράμματα και ρυθμίσεις", 949)] // Π at the line's start (a capital), ρ at a word's start, ς at the end
    [InlineData("Größe ändern", 950)] // ß inside a Latin word, between ö and e
    [InlineData("Документ JSON", 949)] // Д from the letters after it (Доку), not П (По, more common before о alone)
    [InlineData("неверный OID роли: %u", 950)] // р before оли, not с
    public void A_letter_euc_kr_or_big5_lost_whole_is_guessed_from_the_letter_model(string text, int codePage)
    {
        string damaged = Damage.DoubleByte(text, codePage);
        Assert.Contains('?', damaged);
        AssertRestoredWithAGuess(damaged, text);
    }

    [Theory]
    [InlineData("%s: %s ögesinin üzerine yazılsın mı?", 950)] // after a Latin letter a marker at a word's end is left a question mark
    [InlineData("Сбой?", 949)] // the letter model finds the word's end likelier after сбой than any letter
    public void A_question_mark_after_a_two_byte_letter_stays_one(string text, int codePage) =>
        Assert.Equal(text, Mojibake.Fix(Damage.DoubleByte(text, codePage)));

    [Theory]
    [InlineData("データ・ベース")]
    [InlineData("ソフトウェア・ダウンロード")]
    [InlineData("ﾃﾞｰﾀ・ﾍﾞｰｽ")] // half-width katakana are what Shift_JIS makes of two-byte letters' leads
    [InlineData("ﾐｸ・ﾘﾝ")]
    public void Correct_japanese_text_with_a_middle_dot_is_unchanged(string text) => Assert.Same(text, Mojibake.Fix(text));

    [Theory]
    [InlineData("引数が少なすぎます", 936)] // ます ends sentences, ませ (ません) goes on: more frequent among all pairs
    [InlineData("認識できない再配置です", 936)] // です, not でき
    [InlineData("無効な後続のオプションです -- %s", 936)] // before ASCII too
    public void A_character_lost_at_the_end_of_cjk_text_is_guessed_from_the_pairs_that_end_it(string text, int codePage)
    {
        string damaged = Damage.DoubleByte(text, codePage);
        Assert.False(Damage.DoubleByteIsLossless(text, codePage));
        Assert.Equal(text, Mojibake.Fix(damaged));
    }

    [Theory]
    [InlineData("パッケージを再インストール", 936)] // the character two back speaks too (ト before ール)
    [InlineData("새로운 계정", 936)]
    [InlineData("새로운 암호 %s", 936)]
    public void A_character_lost_at_the_end_of_cjk_text_is_weighed_after_the_two_before_it(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    [Theory]
    [InlineData("しかし、インストールされていません", 932)] // ー (lost with the lead after it) between ト and ル, not の
    [InlineData("入力ストリームを切りつめることはできません", 932)] // 切 before り, not 再
    [InlineData("トークン数 (%d) が間違っています", 932)]
    public void A_character_lost_inside_cjk_text_is_weighed_by_its_pairs_on_both_sides(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    /// <summary>
    /// Where Shift_JIS's marker holds a character's last byte and the next one's lead, the next character is the
    /// likeliest one that ends in the two continuations after the marker, and the lost one is weighed beside it: テ
    /// before ィ, not ッ, the likeliest character of E3 83 alone.
    /// </summary>
    [Theory]
    [InlineData("重大なセキュリティー更新", 932)]
    [InlineData("デバイス番号の 1", 932)]
    public void A_character_whose_marker_hides_the_next_lead_is_weighed_by_that_next_character(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    /// <summary>
    /// Where Shift_JIS lost the next character whole (its lead in the first marker, its continuations in a second),
    /// the lost one before it is weighed beside the character likeliest to stand before what follows: テ or デ and
    /// the ー before タ or シ, not ッ and プ.
    /// </summary>
    [Theory]
    [InlineData("認証データにアクセスする", 932)]
    [InlineData("セグメンテーションフォルト", 932)]
    public void A_character_before_one_lost_whole_is_weighed_by_what_likely_stood_there(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    /// <summary>
    /// A character lost where CJK text ends is weighed by both sides: the character before it and what follows, the
    /// next word's first character after a space (할 and 알 come before 수) or the ASCII character.
    /// </summary>
    [Theory]
    [InlineData("신뢰할 수 없는 로컬 파일 설치", 936)] // 할 before 수, not 하
    [InlineData("%s: 실행할 수 없음: 필요한 파일이 없습니다", 936)]
    [InlineData("새 암호 다시 입력", 936)] // nothing before 새: what follows alone decides
    [InlineData("このボタンに割り当てる URI です", 936)] // る before ASCII
    [InlineData("%s: フィールド `%s' は定義されていません", 936)] // ド before a space and a backquote
    public void A_character_lost_at_the_end_of_cjk_text_is_weighed_by_what_follows_it(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    [Theory]
    [InlineData("संकुल पा रहा है", 936)] // Devanagari: ल after कु, ा after ह
    [InlineData("ფაილის გადმოწერის შეცდომა: %s", 936)] // Georgian: ს after ლი and რი, ა before a colon
    [InlineData("Không thể thực hiện lệnh %s reset với các đường dẫn.", 936)] // Vietnamese: ể after th, ệ after h
    [InlineData("ไม่สามารถเปิดแฟ้ม %s ได้", 936)] // Thai
    [InlineData("संकेत नहीं मिला", 936)] // त after the three before it (संके), not ँ (after के alone)
    [InlineData("Cấp 2 không được đồng bộ", 936)] // ộ after đồng b, not ỏ
    [InlineData("направление движения", 932)] // Cyrillic, two bytes a letter, in Shift_JIS
    [InlineData("не від’єднувати від консолі", 936)] // and in GBK
    public void A_letter_of_another_script_lost_at_the_end_of_a_word_is_guessed_from_the_letters_that_end_words(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    [Theory]
    [InlineData("মেচিনসমূহৰ বাবে উপযোগী।", 936)] // E0 A5 A4 after a Bengali letter: the danda, not the Devanagari vowel sign े
    [InlineData("প্রোটোকল সমর্থিত নয।", 936)]
    [InlineData("তালিকা ডাউনলোড কৰা হৈছে ।", 936)] // a danda alone after a space, last in a line of Assamese
    public void A_lost_letter_keeps_to_the_indic_script_before_it_and_a_lost_danda_ends_the_sentence(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    [Theory]
    [InlineData("ファイルを処理できません。\nディレクトリでもありません", 936)] // 。's last byte went with the line break
    [InlineData("无法创建目录。\n请检查权限", 936)]
    public void A_cjk_full_stop_lost_with_the_character_after_it_took_a_line_break(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    [Theory]
    [InlineData("Ошибка соединения с сервером", 932)] // с lost before a space: Russian writes с (with) alone, not у
    [InlineData("Връзка с сървъра", 932)] // Bulgarian, told by ъ before a consonant: с
    [InlineData("Неуспешно свързване с %s", 932)]
    [InlineData("Змінює їхній шлях у списку", 932)] // Ukrainian, told by ї and є: у (in)
    [InlineData("Файл не є каталогом", 932)] // no letter tells the alphabet; the word before does: не є (is not)
    [InlineData("Це не є каталог", 932)]
    public void A_lost_word_of_one_letter_is_one_its_alphabet_writes_alone(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    [Theory]
    [InlineData("Не удалось открыть файл", 932)] // сь lost together after удало: the words that begin so say удалось, not удалося
    [InlineData("Не удалось создать каталог %s", 932)]
    [InlineData("Немагчыма стварыць файл", 932)] // Belarusian ць
    public void Letters_lost_at_the_end_of_a_long_word_are_read_from_the_words_that_begin_so(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    [Theory]
    [InlineData("फ़ाइल सूची पा रहा है", 932)] // इ's last byte and ल's lead in one marker: इ between ा and ल, ल's lead from its script
    [InlineData("PackageKit सेवा", 932)]
    [InlineData("अद्यतन उपलब्ध नहीं", 932)] // at a word's start: अ before द
    [InlineData("सेवा मॉड्यूल में त्रुटि", 932)] // ं, whose lead went with े's last byte, lost its own last byte with the space
    [InlineData("यह काम अंतिम में पूरा किया गया था", 932)]
    public void A_letter_lost_with_the_next_letters_lead_is_read_by_both_neighbours_in_its_script(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    [Theory]
    [InlineData("ფაილის გახსნა", 932)] // ი: E1 | 83 98, its lead the trail of the byte before, 83 98 no pair Shift_JIS reads
    [InlineData("შეცდომა", 932)]
    [InlineData("პაკეტის სახელი", 932)]
    public void A_letter_whose_two_continuations_were_lost_as_one_pair_is_read_by_its_neighbours(string text, int codePage) =>
        AssertGuessedFromLoss(text, codePage);

    [Fact]
    public void The_letter_endings_table_counts_letters_beyond_ascii_outside_the_cjk_table()
    {
        // The guess for a lost last byte only looks up letters that share the other bytes: every letter counted must be
        // such a letter (two or three bytes of UTF-8, not a character the CJK table ranks), or its entries are never used.
        int letters = 0;
        for (int c = 0; c <= 0xFFFF; c++)
        {
            if (LetterEndings.Chance([], (char)c) <= 0)
            {
                continue;
            }

            letters++;
            Assert.False(c < 0x80 || char.IsSurrogate((char)c) || CjkFrequency.IsCommon(c), $"U+{c:X4}");
            Assert.True(char.IsLetter((char)c) || char.GetUnicodeCategory((char)c) is System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark
                || (c >= 0x300 && c is not (>= 0x2000 and <= 0x206F) && char.GetUnicodeCategory((char)c) == System.Globalization.UnicodeCategory.OtherPunctuation),
                $"U+{c:X4}"); // (a script's own punctuation ends its words too: Tibetan ་, the danda ।)
        }

        Assert.True(letters > 300, $"{letters} letters");
    }

    [Theory]
    [InlineData("%s: parametern är inte satt", 936)] // a two-letter word glued to one ASCII letter (盲r)
    [InlineData("ogiltig omlokaliseringstyp %d på adress 0x%lx", 936)]
    [InlineData("Malsukcesis ŝargi bildon '%s'", 936)] // a Latin letter beyond the common ones (艥argi)
    [InlineData("no és un", 936)] // 茅s: a word of Latin letters from a common character, once left as weak
    [InlineData("Les paquets suivants seront mis à jour\u00A0:", 936)] // French spacing before a colon (jour聽:)
    [InlineData("Version choisie «\u00A0%s\u00A0» (%s)", 936)] // guillemets with no-break spaces, two in a line
    [InlineData("impossible de créer le contexte de sécurité\u00A0: %s", 936)] // a word's last letter and the space (茅聽:)
    [InlineData("%s: parametern är inte satt", 949)]
    [InlineData("ogiltig omlokaliseringstyp %d på adress 0x%lx", 932)]
    public void A_line_of_latin_text_whose_accented_letters_alone_were_misread_is_read(string text, int codePage)
    {
        Assert.True(Damage.DoubleByteIsLossless(text, codePage));
        Assert.Equal(text, Mojibake.Fix(Damage.DoubleByte(text, codePage)));
    }

    [Theory]
    [InlineData("the word 猫 means cat")] // a lone hanzi quoted in an English sentence, not a misread è
    [InlineData("Linux 盲 %s")] // not glued to a Latin letter
    [InlineData("使用 a盲 %s")] // the line holds other CJK text
    public void Cjk_characters_in_a_latin_line_are_left_unless_they_form_a_word_with_its_letters(string text) =>
        Assert.Same(text, Mojibake.Fix(text));

    [Fact]
    public void The_swallowed_ascii_table_holds_only_characters_the_decoders_lose_with_a_lead_byte()
    {
        // Every guess is a byte that GBK, EUC-KR and Big5 lose together with any continuation byte before it (the
        // last byte of a CJK character read as a lead), so that the guess damages back to the marker it replaced.
        var guesses = (from n in Enumerable.Range(0, 130) from a in Enumerable.Range(-1, 131) select SwallowedAscii.Before((char)(n == 129 ? 0x4E2D : n), a == 129 ? 0x4E2D : a)).Distinct().ToList();
        Assert.Contains(' ', guesses);
        foreach (int codePage in new[] { 936, 949, 950 })
        {
            var decoder = System.Text.Encoding.GetEncoding(codePage);
            foreach (char guess in guesses)
            {
                Assert.True(guess < 0x40, $"U+{(int)guess:X4}");
                for (int lead = 0x81; lead <= 0xBF; lead++)
                {
                    if (decoder.GetString([(byte)lead, 0xA1]).Length == 1) // a lead byte of this code page
                    {
                        Assert.Equal("?", decoder.GetString([(byte)lead, (byte)guess]));
                    }
                }
            }
        }
    }

    [Fact]
    public void The_swallowed_ascii_table_holds_only_characters_shift_jis_loses_with_any_last_byte()
    {
        // Shift_JIS reads a CJK character's or a letter's last byte 81–9F as a lead: every guess (of both tables)
        // must make no pair with any of them, so that the guess damages back to the ・ it replaced.
        var guesses = (from n in Enumerable.Range(0, 130) from a in Enumerable.Range(-1, 131) from letter in new[] { false, true }
                       select SwallowedAscii.Before((char)(n == 129 ? 0x4E2D : n), a == 129 ? 0x4E2D : a, letter)).Distinct().ToList();
        Assert.Contains(',', guesses); // (after letters: a comma before a space)
        var decoder = System.Text.Encoding.GetEncoding(932);
        foreach (char guess in guesses)
        {
            for (int lead = 0x81; lead <= 0x9F; lead++)
            {
                Assert.Equal("・", decoder.GetString([(byte)lead, (byte)guess]));
            }
        }
    }

    [Theory]
    [InlineData("очаква се „%s“")] // quotes: the opening one lost a % with it, the closing one was last
    [InlineData("файлът „%s“ не може да се изтрие")] // ... the closing one a space
    [InlineData("неправилен ред — липсва втора лексема")] // a dash between words
    [InlineData("Opcja „%s” nie jest obsługiwana")] // Polish closes „ with ” (ł tells)
    [InlineData("Fișierul „%s” nu există")] // and Romanian (ș, ă)
    [InlineData("Filen ”%s” kunde inte öppnas på disken")] // Swedish opens with ” too (å, ö tell)
    [InlineData("Tiedostoa ”%s” ei löydy")] // and Finnish (ö: of the languages with it, Finnish has the fewest letters)
    [InlineData("Không tìm thấy tệp “%s” trên đĩa")] // Vietnamese opens with “ (ệ, ấ tell)
    [InlineData("Öffne „daten“ jetzt")] // the line's own „ (kept: d is a trail byte) outweighs the letters' language
    public void A_lost_gbk_byte_of_a_punctuation_mark_is_guessed_with_what_it_took_along(string text)
    {
        string damaged = Damage.DoubleByte(text, 936);
        Assert.Contains("鈥?", damaged, StringComparison.Ordinal);
        AssertRestoredWithAGuess(damaged, text);
    }

    [Fact]
    public void The_lost_punctuation_table_holds_marks_whose_last_byte_the_decoders_lose_where_it_says()
    {
        var decoders = new[] { 936, 949, 950 }.Select(cp => System.Text.Encoding.GetEncoding(cp)).ToList();
        var shiftJis = System.Text.Encoding.GetEncoding(932);
        int marks = 0;
        for (int kind = 0; kind < LostPunctuation.Kinds; kind++)
        {
            for (int next = -1; next <= 128; next++)
            {
                // A context of this kind: the character before and whether a letter beyond ASCII came earlier.
                int before = (kind % 6) switch { 0 => -1, 1 => ' ', 2 => 'a', 3 => ')', 4 => '\u0D4D', _ => 'я' };
                char mark = LostPunctuation.Guess(before, kind >= 6, next, out char swallowed);
                Assert.Equal(kind, LostPunctuation.KindBefore(before, kind >= 6));
                if (mark == 0)
                {
                    continue;
                }

                marks++;
                Assert.InRange(mark, '\u200C', '\u205E');
                Assert.Equal(next < 0, swallowed == 0); // inside the text the marker took an ASCII character along
                byte last = (byte)(0x80 | (mark & 0x3F));
                foreach (var decoder in decoders)
                {
                    if (swallowed != 0)
                    {
                        Assert.InRange(swallowed, '\0', '\u003F');
                        Assert.Equal("?", decoder.GetString([last, (byte)swallowed]));
                    }
                }

                // Shift_JIS loses it so too where the last byte is one of its leads (81–9F; the others it reads
                // alone, and the guess is not made there).
                if (swallowed != 0 && last is >= 0x81 and <= 0x9F)
                {
                    Assert.Equal("・", shiftJis.GetString([last, (byte)swallowed]));
                }
            }
        }

        Assert.True(marks > 100, $"{marks} entries");
    }

    [Fact]
    public void Lossy_options_leave_or_replace_what_was_lost()
    {
        Assert.Equal("发送成鍔?", Mojibake.Fix("鍙戦€佹垚鍔?", FixOptions.Default with { Lossy = LossyRepair.Leave }));
        Assert.Equal("发送成\uFFFD", Mojibake.Fix("鍙戦€佹垚鍔?", FixOptions.Default with { Lossy = LossyRepair.Replace }));
    }

    [Theory]
    [InlineData("譁ｰ縺励＞", "新しい")]
    [InlineData("Caf茅", "Café")]
    [InlineData("Fran莽ais et G茅n茅rer", "Français et Générer")]
    public void Examples_from_the_issue(string damaged, string expected) => Assert.Equal(expected, Mojibake.Fix(damaged));

    [Theory]
    [InlineData("使用Linux系统")]
    [InlineData("FROM句内の関数")]
    [InlineData("%d件のファイル")]
    [InlineData("歌詞")]
    [InlineData("홀수 열 색")]
    [InlineData("边框浮雕")]
    [InlineData("一旦您工作目录提交干净后")]
    public void Correct_cjk_text_is_unchanged(string text) => Assert.Same(text, Mojibake.Fix(text));

    [Fact]
    public void The_option_turns_the_pass_off()
    {
        string damaged = Damage.DoubleByte("文件不存在", 936);
        Assert.Equal(damaged, Mojibake.Fix(damaged, FixOptions.Default with { DoubleByteCodePages = false }));
    }

    [Fact]
    public void A_damaged_line_beside_clean_cjk_lines_is_the_only_one_changed()
    {
        string text = "文件不存在\n" + Damage.DoubleByte("无法打开文件", 936) + "\nファイルを開けません";
        Assert.Equal("文件不存在\n无法打开文件\nファイルを開けません", Mojibake.Fix(text));
        Assert.Equal("文件不存在\n无法打开文件\nファイルを開けません", System.Text.Encoding.UTF8.GetString(Mojibake.FixUtf8(System.Text.Encoding.UTF8.GetBytes(text))));
    }

    [Theory]
    [InlineData("Don’t worry, it’s fine", 936)] // Don鈥檛: the quote's last byte takes the letter after it along
    [InlineData("Impossibile aprire l’archivio", 936)]
    [InlineData("N’hell ket bet kavet", 936)]
    [InlineData("Zapisz plik „nazwa” teraz", 936)] // only the opening quote is lossless: ” swallows the space
    [InlineData("Say “hello” twice", 936)]
    public void Quotes_glued_to_a_word_are_read(string text, int codePage)
    {
        string damaged = Damage.DoubleByte(text, codePage);
        string fixedText = Mojibake.Fix(damaged);
        foreach (string word in text.Split(' ').Where(w => w.Length > 1 && (w[0] is '‘' or '“' or '„' || w.IndexOf('’') > 0)))
        {
            // Each quote glued to a word comes back with the word (a closing quote before a space loses a byte
            // and is left).
            Assert.Contains(word.TrimEnd('”', ',', '“'), fixedText);
        }
    }

    [Theory]
    [InlineData("El codi no és vàlid", 936)] // 茅s: a common character alone, in a line that vàlid proves
    [InlineData("Сервер для пользователя", 936)] // 写谢褟: two of three characters common
    public void Letters_from_common_characters_are_read_in_a_proven_line(string text, int codePage)
    {
        Assert.True(Damage.DoubleByteIsLossless(text, codePage));
        Assert.Equal(text, Mojibake.Fix(Damage.DoubleByte(text, codePage)));
    }

    [Theory]
    [InlineData("Note\u00A0: sélection de %s pour la tâche «\u00A0%s\u00A0»")] // 聽 is a no-break space in GBK, ť in Big5
    [InlineData("Erreur\u00A0: le fichier «\u00A0%s\u00A0» a été créé")]
    public void A_line_is_read_through_the_one_code_page_its_strong_runs_prove(string text)
    {
        // The accented letters prove GBK; the no-break spaces and guillemets, made of common characters, ride along
        // and must not be read through another page where they happen to give letters.
        Assert.True(Damage.DoubleByteIsLossless(text, 936));
        var result = Mojibake.FixAndExplain(Damage.DoubleByte(text, 936));
        Assert.Equal(text, result.Text);
        Assert.All(result.Steps, step => Assert.Equal(["gbk"], step.Encodings));
    }

    [Theory]
    [InlineData("Τα ακόλουθα πακέτα θα μείνουν ως έχουν:")] // 韦伪, Τα, is made of common characters
    [InlineData("Αν TRUE, το παράθυρο είναι σχηματικό (τα άλλα παράθυρα δε μπορούν)")] // 维位位伪, άλλα
    [InlineData("الهندية (كاجابا ، صوتي)")] // 貙, the Arabic comma
    public void Weak_runs_of_common_characters_are_read_in_a_proven_line(string text)
    {
        Assert.True(Damage.DoubleByteIsLossless(text, 936));
        Assert.Equal(text, Mojibake.Fix(Damage.DoubleByte(text, 936)));
    }

    [Theory]
    [InlineData("Les paquets suivants seront mis à jour\u00A0:")] // ﾃ and ﾂ, each with U+F8F0 for the byte A0
    [InlineData("La taille est plus grande que le fichier entier\u00A0!")]
    [InlineData("Lier à")]
    public void The_shift_jis_image_of_the_byte_A0_proves_damage(string text)
    {
        Assert.True(Damage.DoubleByteIsLossless(text, 932));
        string damaged = Damage.DoubleByte(text, 932);
        Assert.Contains('\uF8F0', damaged);
        Assert.Equal(text, Mojibake.Fix(damaged));
    }

    [Theory]
    [InlineData("La firma non è stata accettata.", 932)] // ﾃｨ
    [InlineData("Les paquets seront mis à jour", 949)] // 횪
    [InlineData("Il file è stato salvato", 949)]
    public void A_one_letter_vowel_word_between_latin_words_is_read(string text, int codePage)
    {
        Assert.True(Damage.DoubleByteIsLossless(text, codePage));
        Assert.Equal(text, Mojibake.Fix(Damage.DoubleByte(text, codePage)));
    }

    [Theory]
    [InlineData("the word 猫 means cat")] // a lone hanzi between English words is a quoted word, though it reads as è in GBK
    [InlineData("the word 脿 is rare")] // a common character between spaces, and nothing in the line proves GBK damage
    [InlineData("写谢褟 %s")]
    [InlineData("Linux“系统")]
    public void A_weak_run_alone_is_left(string text) => Assert.Same(text, Mojibake.Fix(text));

    /// <summary>
    /// In UTF-8 text read as a double-byte code page, a non-ASCII character right after an ASCII one is read from
    /// the start of a UTF-8 character, unless the decoder lost a byte there or just before (its <c>?</c> may leave
    /// the next character mid-sequence): the property the short-stretch test relies on to leave correct CJK beside
    /// Latin names alone.
    /// </summary>
    [Fact]
    public void Damage_after_ascii_starts_with_the_image_of_a_utf8_start()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        Prop.ForAll(Gen.Elements(936, 932, 949, 950).SelectMany(cp => TextGen.Sentence.Select(t => (cp, Damage.DoubleByte(t, cp)))).ToArbitrary(), d =>
        {
            char lost = DoubleByteCodePage.All.First(p => p.Name == d.cp switch { 936 => "gbk", 932 => "shift_jis", 949 => "euc-kr", _ => "big5" }).LostByte;
            string s = d.Item2;
            for (int i = 1; i < s.Length; i++)
            {
                if (s[i - 1] < 0x80 && s[i - 1] != lost && s[i] is >= DoubleByteCodePages.First and <= DoubleByteCodePages.Last && s[i] != lost && s[i] != '\uFFFD'
                    && !DoubleByteCodePage.IsUtf8StartImage(s[i]))
                {
                    return false;
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000).WithReplay(792, 0x9E3779B97F4A7C15));
    }

    [Theory]
    [InlineData("%s를 위한 유효한 내용을 가져올 수 없습니다.")] // 를 is B8 A6 in EUC-KR: B8 cannot start a UTF-8 character
    [InlineData("需要指定类型、密钥标识（key_id）和软件包标识（package_id）")] // （ is A3 A8 in GBK, 81 69 in Shift_JIS
    [InlineData("libpam을 다시 불러오려면 응용 프로그램이 필요함")]
    public void Correct_cjk_beside_a_latin_name_is_not_suspect(string text)
    {
        Assert.False(DoubleByteCodePages.HasSuspect(text));
        Assert.Same(text, Mojibake.Fix(text));
    }

    [Theory]
    [InlineData("Café", 936)] // Caf茅
    [InlineData("Français", 936)] // Fran莽ais
    [InlineData("Café", 932)] // Cafﾃｩ
    public void A_misread_letter_inside_a_word_is_still_suspect(string text, int codePage)
    {
        string damaged = Damage.DoubleByte(text, codePage);
        Assert.True(DoubleByteCodePages.HasSuspect(damaged));
        Assert.True(DoubleByteCodePage.IsUtf8StartImage(damaged[text.IndexOf(text.First(c => c >= 0x80))]));
    }

    /// <summary>
    /// A line that holds runs two code pages prove (the fuzzer's 螇螇螇 through GBK beside 袈袈袈 through EUC-KR):
    /// one call repairs both, so a second call changes nothing. The line keeps to its first page while that page
    /// proves runs; then another page may prove its own, as a second call would let it.
    /// </summary>
    [Fact]
    public void A_line_two_pages_prove_is_repaired_in_one_call()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        Prop.ForAll(Gen.Elements(936, 932, 949, 950).Two().SelectMany(pages => TextGen.Sentence.Two().Select(t =>
            Damage.DoubleByte(t.Item1, pages.Item1) + " " + Damage.DoubleByte(t.Item2, pages.Item2))).ToArbitrary(), s =>
        {
            string once = Mojibake.Fix(s);
            return Mojibake.Fix(once) == once;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500).WithReplay(793, 0x9E3779B97F4A7C15));
    }
}

/// <summary>The double-byte tables, built from one bulk call per page, against the plain per-character definition.</summary>
public class DoubleByteTableTests
{
    [Theory]
    [InlineData(0, 936)]
    [InlineData(1, 932)]
    [InlineData(2, 949)]
    [InlineData(3, 950)]
    public void Every_character_maps_to_the_bytes_it_alone_encodes_to_and_reads_back_from(int index, int codePage)
    {
        DoubleByteCodePage page = DoubleByteCodePage.All[index];
        var encoding = System.Text.Encoding.GetEncoding(codePage, new System.Text.EncoderReplacementFallback("\0"), new System.Text.DecoderReplacementFallback("\uFFFF"));
        Span<byte> bytes = stackalloc byte[8];
        Span<char> back = stackalloc char[4];
        int kept = 0;
        for (int c = 0x80; c < 0x10000; c++)
        {
            ushort expected = 0;
            if (c is < 0xD800 or > 0xDFFF)
            {
                char ch = (char)c;
                int n = encoding.GetBytes(new ReadOnlySpan<char>(in ch), bytes);
                if (n is 1 or 2 && bytes[0] >= 0x80 && encoding.GetChars(bytes[..n], back) == 1 && back[0] == ch)
                {
                    expected = n == 1 ? bytes[0] : (ushort)(bytes[0] << 8 | bytes[1]);
                    Assert.True(page.Reads(n == 1 ? bytes[0] : bytes[0], n == 1 ? -1 : bytes[1]));
                    kept++;
                }
            }

            if (page.BytesOf((char)c) != expected)
            {
                Assert.Fail($"U+{c:X4}: table {page.BytesOf((char)c):X4}, per character {expected:X4}");
            }
        }

        Assert.True(kept > 7000, $"{kept} characters"); // each page reads thousands of characters
    }
    [Fact]
    public void RunStartBitsAreTheChecksOnTheBytesTheyStandFor()
    {
        // The search for runs tests one bit per character before it looks at the character's bytes: the bit must be
        // set exactly where those checks let a run start (a UTF-8 lead, and a continuation after it in a pair) or at
        // the page's lost-byte marker, or a run would be missed or a character tried for nothing.
        foreach (DoubleByteCodePage page in DoubleByteCodePage.All)
        {
            int starts = 0;
            for (int c = 0; c < 0x10000; c++)
            {
                ushort bytes = c < 0x80 ? (ushort)0 : page.BytesOf((char)c);
                int first = bytes > 0xFF ? bytes >> 8 : bytes;
                bool expected = c == page.LostByte
                    || (first is >= 0xC2 and <= 0xF4 && !(bytes > 0xFF && (byte)bytes is < 0x80 or > 0xBF));
                if (page.MayStartRun((char)c) != expected)
                {
                    Assert.Fail($"{page.Name} U+{c:X4}: bit {page.MayStartRun((char)c)}, bytes {bytes:X4}");
                }

                starts += expected ? 1 : 0;
            }

            Assert.True(starts > 1000, $"{page.Name}: {starts} characters start a run");
        }
    }
}
