using System.Text.Json;
using System.Text.Json.Serialization;
using OpenCts.Domain.Common;

namespace OpenCts.Domain.Serialization;

/// <summary>System.Text.Json settings for the model's records other than consignments: reasons, profiles, list entries.</summary>
public static class DomainJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new ValueListJsonConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>Reads and writes <see cref="ValueList{T}"/> as a JSON array.</summary>
public sealed class ValueListJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ValueList<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ValueListConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class ValueListConverter<T> : JsonConverter<ValueList<T>>
    {
        public override bool HandleNull => true;

        public override ValueList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? ValueList<T>.Empty : new ValueList<T>(JsonSerializer.Deserialize<List<T>>(ref reader, options));

        public override void Write(Utf8JsonWriter writer, ValueList<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.AsImmutableArray().AsEnumerable(), options);
    }
}
