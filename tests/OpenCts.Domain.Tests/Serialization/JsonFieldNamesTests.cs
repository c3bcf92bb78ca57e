using System.Text.Json;
using OpenCts.Domain.Common;
using OpenCts.Domain.Serialization;

namespace OpenCts.Domain.Tests.Serialization;

public sealed class JsonFieldNamesTests
{
    private static readonly string[] Names = ["name", "street", "city", "postcode", "country", "phone"];
    private static readonly JsonFieldNames Set = new(Names);

    [Theory]
    [InlineData("""{"name":"Ada","city":"Leeds"}""")]
    [InlineData("""{"name":"Ada","name":"Bea"}""")]
    [InlineData("""{"na\u006de":"Ada","city":null,"name":"Cy"}""")]
    [InlineData("""{"name":"Ada","na\u006de":"Escaped, last"}""")]
    [InlineData("""{"phone":12345,"country":{"code":"GB"},"street":["a","b"]}""")]
    [InlineData("""{}""")]
    public void Every_field_reads_the_same_found_by_its_place_as_searched_by_its_name(string json)
    {
        using var document = JsonDocument.Parse(json);
        var byPlace = new JsonFields(document.RootElement, new JsonTrail("parties[0]"), Set);
        var byName = new JsonFields(document.RootElement, new JsonTrail("parties[0]"), Names);

        foreach (var name in Names)
        {
            Assert.Equal(byName.Get(name)?.GetRawText(), byPlace.Get(name)?.GetRawText());
        }
    }

    [Theory]
    [InlineData("""{"name":"Ada","citty":"Leeds"}""")]
    [InlineData("""{"name":"Ada","\uD800":"no character"}""")]
    [InlineData("""{"n\u0061me":"Ada","zzz":1}""")]
    [InlineData("""["not","an","object"]""")]
    public void A_field_it_does_not_know_or_cannot_read_is_refused_with_the_same_place_and_reason(string json)
    {
        using var document = JsonDocument.Parse(json);

        var byName = Assert.Throws<DomainException>(() => new JsonFields(document.RootElement, new JsonTrail("parties[0]"), Names));
        var byPlace = Assert.Throws<DomainException>(() => new JsonFields(document.RootElement, new JsonTrail("parties[0]"), Set));

        Assert.Equal(byName.Field, byPlace.Field);
        Assert.Equal(byName.Reason, byPlace.Reason);
    }

    [Fact]
    public void Asking_for_a_name_outside_the_set_is_a_mistake_in_the_reader_and_says_so()
    {
        using var document = JsonDocument.Parse("""{"name":"Ada"}""");
        var fields = new JsonFields(document.RootElement, new JsonTrail(), Set);

        Assert.Equal("Ada", fields.String("name"));
        Assert.Throws<ArgumentException>(() => fields.Get("email"));
    }

    [Fact]
    public void A_set_refuses_more_names_than_it_has_places_for_and_a_name_twice()
    {
        Assert.Throws<ArgumentException>(() => new JsonFieldNames([.. Enumerable.Range(0, JsonFieldNames.Most + 1).Select(i => $"f{i}")]));
        Assert.Throws<ArgumentException>(() => new JsonFieldNames("name", "name"));
        Assert.Equal(JsonFieldNames.Most, new JsonFieldNames([.. Enumerable.Range(0, JsonFieldNames.Most).Select(i => $"f{i}")]).Names.Length);
    }
}
