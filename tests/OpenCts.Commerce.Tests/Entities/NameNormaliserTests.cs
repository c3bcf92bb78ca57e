using OpenCts.Commerce.Entities;

namespace OpenCts.Commerce.Tests.Entities;

public sealed class NameNormaliserTests
{
    [Theory]
    [InlineData("John Smith", "JOHN SMITH")]
    [InlineData("Mr. John SMITH", "JOHN SMITH")]
    [InlineData("smith, john", "JOHN SMITH")]
    [InlineData("Dr John Smith", "JOHN SMITH")]
    [InlineData("Mrs Jane O'Brien", "JANE OBRIEN")]
    [InlineData("José Müller-Lüdenscheidt", "JOSE LUDENSCHEIDT MULLER")]
    [InlineData("Łukasz Żółć", "LUKASZ ZOLC")]
    [InlineData("Søren Ærø", "AERO SOREN")]
    [InlineData("Straße", "STRASSE")]
    [InlineData("Иван Петров", "IVAN PETROV")]
    [InlineData("Щукин Юрий", "SHCHUKIN YURIY")]
    [InlineData("Γιώργος Παπαδόπουλος", "GIORGOS PAPADOPOULOS")]
    [InlineData("J. Smith", "J SMITH")]
    public void Person_names_fold_to_sorted_upper_case_words(string raw, string key) =>
        Assert.Equal(key, NameNormaliser.Normalise(raw).Key);

    [Theory]
    [InlineData("Acme Trading Ltd", "ACME TRADING")]
    [InlineData("ACME TRADING LIMITED", "ACME TRADING")]
    [InlineData("Acme Trading Co., Ltd.", "ACME TRADING")]
    [InlineData("Acme Trading GmbH", "ACME TRADING")]
    [InlineData("Acme Trading B.V.", "ACME TRADING")]
    [InlineData("Acme Trading S. A.", "ACME TRADING")]
    [InlineData("Acme Trading LLC", "ACME TRADING")]
    [InlineData("Acme Trading Inc.", "ACME TRADING")]
    [InlineData("Acme Trading Pvt. Ltd.", "ACME TRADING")]
    [InlineData("Acme Trading FZE", "ACME TRADING")]
    [InlineData("Acme Trading Sp. z o.o.", "ACME TRADING")]
    [InlineData("Smith & Sons Ltd", "SMITH SONS")]
    [InlineData("Smith and Sons", "SMITH SONS")]
    public void Company_forms_and_joining_words_are_dropped(string raw, string key)
    {
        var name = NameNormaliser.Normalise(raw);
        Assert.Equal(key, name.Key);
    }

    [Fact]
    public void A_company_form_marks_the_name_as_a_company() =>
        Assert.True(NameNormaliser.Normalise("Acme B.V.").IsCompany);

    [Fact]
    public void A_name_that_is_only_a_form_keeps_its_words() =>
        Assert.Equal("CO LTD", NameNormaliser.Normalise("Ltd. Co.").Key);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("---")]
    public void A_name_without_letters_is_empty(string raw) => Assert.True(NameNormaliser.Normalise(raw).IsEmpty);
}
