using System.Text.Json;
using System.Text.Json.Serialization;

namespace MojibakeFix.Integration;

/// <summary>
/// A System.Text.Json converter that repairs every string as it is deserialized (scraped JSON feeds are the
/// usual input), and writes strings unchanged. Use it options-wide
/// (<c>new JsonSerializerOptions { Converters = { new MojibakeFixingJsonConverter() } }</c>) or on a property
/// with <c>[JsonConverter(typeof(MojibakeFixingJsonConverter))]</c>.
/// </summary>
public sealed class MojibakeFixingJsonConverter : JsonConverter<string>
{
    private readonly FixOptions _options;

    /// <summary>A converter with <see cref="FixOptions.Default"/>.</summary>
    public MojibakeFixingJsonConverter()
        : this(FixOptions.Default)
    {
    }

    /// <summary>A converter with the given repair options.</summary>
    /// <param name="options">The repair options.</param>
    public MojibakeFixingJsonConverter(FixOptions options) => _options = options ?? FixOptions.Default;

    /// <inheritdoc/>
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? value = reader.GetString();
        return value is null ? null : Mojibake.Fix(value, _options);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
