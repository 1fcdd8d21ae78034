namespace MojibakeFix.Tests;

/// <summary>Correct text, including text that merely looks odd, comes back as the same instance.</summary>
public class NegativeTests
{
    [Theory]
    [InlineData("NÃO HÁ AÇÃO")]
    [InlineData("ÎNCÂNTAT")]
    [InlineData("OPCIÓ…")] // Ó + … would decode to Cyrillic Ӆ
    [InlineData("„ß“")] // Bulgarian quotes around ß would decode to NKo
    [InlineData("Temperatura: 21 °C ± 0,5 °C")]
    [InlineData("Copyright © 2024 – All rights reserved™")]
    [InlineData("½ cup + ¼ tsp")]
    [InlineData("«Ça», dit-il")]
    [InlineData("C O N C L U S Ã O")]
    [InlineData("There are a lot of Ã’s in mojibake text")]
    [InlineData("AHÅ™, the new sofa from IKEA")]
    [InlineData("a radius of 10 Å—")]
    [InlineData("I'm not such a fan of Charlotte Brontë…”")]
    [InlineData("!YO SÉ¡")]
    [InlineData("NESTLÉ® requiere contratar personal")]
    [InlineData("Join ZZAJÉ’s Official Fan List")]
    [InlineData("SELKÄ\u00a0EDELLÄ\u00a0MAAHAN via @YouTube")]
    [InlineData("Offering 5×£35 pin ups")]
    [InlineData("4288×…")]
    [InlineData("higher values (“+” and “×” curves)")]
    [InlineData("MISUTÂ\u00a0AJIKKO")]
    [InlineData("MÄ£ÄM ÌÑÌ Q £ÄGÌ GÄLÄW ÑÍCH SÖÄ£ ÑÝÄ")]
    [InlineData("Oborzos, per. Vahbarz, frataraká§ 141")]
    [InlineData("``hogwarts nao existe, voce nao vai pegar o trem pra lá´´")]
    [InlineData("What? lâ?? no")]
    [InlineData("Straße, Ærø, Øresund, Ðe, Þingvellir, piñata, São Paulo, Zürich")]
    [InlineData("Привет, мир! Ελληνικά 日本語 한국어 עברית العربية")]
    [InlineData("“Quoted” ‘text’ — with … and • bullets € 5 ™")]
    public void Correct_text_is_left_alone(string text) => Assert.Same(text, Mojibake.Fix(text));

    [Fact]
    public void Defaults_do_not_straighten_quotes_or_fold_width()
    {
        const string text = "“curly” ‘quotes’ and ＦＵＬＬＷＩＤＴＨ，text";
        Assert.Same(text, Mojibake.Fix(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain ascii only")]
    [InlineData("\0\0\0")]
    public void Trivial_inputs_return_the_same_instance(string text) => Assert.Same(text, Mojibake.Fix(text));
}
