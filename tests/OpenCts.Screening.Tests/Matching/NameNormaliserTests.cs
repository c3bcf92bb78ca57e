using OpenCts.Screening.Matching;

namespace OpenCts.Screening.Tests.Matching;

public sealed class NameNormaliserTests
{
    [Theory]
    [InlineData("ANGLO-CARIBBEAN CO., LTD.", "anglo caribbean")]
    [InlineData("Anglo Caribbean", "anglo caribbean")]
    [InlineData("HANIYA, Ismail Abdul Salah", "ismail abdul salah haniya")]
    [InlineData("BANCO NACIONAL DE CUBA", "banco nacional de cuba")]
    [InlineData("CONSTRUCTORA JATZIRY DE GUASAVE S.A. DE C.V.", "constructora jatziry de guasave")]
    [InlineData("MI FEL, S. DE R.L. DE C.V.", "mi fel")]
    [InlineData("Müller Maschinenbau GmbH", "muller maschinenbau")]
    [InlineData("Société Générale S.A.", "societe generale")]
    [InlineData("ŁÓDŹ Śruby Sp. z o.o.", "lodz sruby")]
    [InlineData("OOO ROMASHKA", "romashka")]
    [InlineData("GAZPROM PERSONAL, OOO", "gazprom personal")]
    [InlineData("Sa'id al-Hasan", "said al hasan")]
    [InlineData("HONG PANG TEXTILE COMPANY LIMTIED", "hong pang textile")]
    [InlineData("Straße Ærø Øresund", "strasse aero oresund")]
    [InlineData("Nguyễn Văn Đức", "nguyen van duc")]
    public void NormalisesCaseAccentsPunctuationFormsAndSurnameFirst(string name, string expected) =>
        Assert.Equal(expected, NameNormaliser.Normalise(name));

    [Fact]
    public void AloneALegalFormIsKeptRatherThanLeavingNothing() =>
        Assert.Equal("company", NameNormaliser.Normalise("COMPANY"));

    [Fact]
    public void PunctuationOnlyGivesNoTokens() =>
        Assert.Empty(NameNormaliser.Tokens(" -- ,. "));
}
