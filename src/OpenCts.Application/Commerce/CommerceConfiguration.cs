using OpenCts.Commerce.Ipr;
using OpenCts.Commerce.Valuation;

namespace OpenCts.Application.Commerce;

/// <summary>What an administration sets for the e-commerce indicators: national currency, de minimis, rates, exchange rates and the rights-holder register.</summary>
/// <param name="Settings">Currency, de minimis, VAT and duty rates, history sizes.</param>
/// <param name="Rates">Exchange rates into the national currency.</param>
/// <param name="Register">The rights-holder register.</param>
/// <param name="Source">Where they were read from, for people: a folder, or "built-in defaults".</param>
public sealed record CommerceConfiguration(CommerceSettings Settings, ExchangeRates Rates, IprRegister Register, string Source)
{
    /// <summary>A hash of the settings' and exchange rates' text: what the indicators learn depends on them, so a checkpoint learned under others is not used.</summary>
    public string LearningFingerprint { get; init; } = "";

    public const string SettingsFile = "settings.json";
    public const string RatesFile = "exchange-rates.csv";
    public const string RegisterFile = "ipr-register.json";

    /// <summary>
    /// Reads <c>commerce/settings.json</c>, <c>commerce/exchange-rates.csv</c> and <c>commerce/ipr-register.json</c> from the
    /// data folder, each file that is absent taken from the built-in defaults (the illustrative ones of <c>data/commerce</c>).
    /// </summary>
    /// <exception cref="OpenCts.Commerce.CommerceFileException">A file is present but malformed; the message names the file, line and field.</exception>
    public static CommerceConfiguration Load(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "commerce");
        var custom = Directory.Exists(folder);
        string? Own(string name) => custom && File.Exists(Path.Combine(folder, name)) ? Path.Combine(folder, name) : null;
        var settingsPath = Own(SettingsFile);
        var settings = settingsPath is null ? CommerceSettings.Parse(Builtin(SettingsFile), SettingsFile) : CommerceSettings.Load(settingsPath);
        var ratesPath = Own(RatesFile);
        var rates = ratesPath is null
            ? ExchangeRates.Read(new StringReader(Builtin(RatesFile)), RatesFile, settings.NationalCurrency)
            : ExchangeRates.Load(ratesPath, settings.NationalCurrency);
        var registerPath = Own(RegisterFile);
        var register = registerPath is null ? IprRegister.Parse(Builtin(RegisterFile), RegisterFile) : IprRegister.Load(registerPath);
        var source = settingsPath is null && ratesPath is null && registerPath is null ? "built-in defaults" : folder;
        return new CommerceConfiguration(settings, rates, register, source)
        {
            LearningFingerprint = Fingerprint(settingsPath is null ? Builtin(SettingsFile) : File.ReadAllText(settingsPath), ratesPath is null ? Builtin(RatesFile) : File.ReadAllText(ratesPath)),
        };
    }

    /// <summary>The built-in defaults alone, for a benchmark or a test that has no data folder.</summary>
    public static CommerceConfiguration Defaults()
    {
        var settings = CommerceSettings.Parse(Builtin(SettingsFile), SettingsFile);
        return new CommerceConfiguration(settings, ExchangeRates.Read(new StringReader(Builtin(RatesFile)), RatesFile, settings.NationalCurrency),
            IprRegister.Parse(Builtin(RegisterFile), RegisterFile), "built-in defaults");
    }

    private static string Fingerprint(string settings, string rates) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{settings.Length}\n{settings}\n{rates}")));

    /// <summary>A default file as embedded from <c>data/commerce</c>.</summary>
    public static string Builtin(string name)
    {
        using var stream = typeof(CommerceConfiguration).Assembly.GetManifestResourceStream($"OpenCts.Commerce.Defaults.{name}")
            ?? throw new InvalidOperationException($"the built-in commerce file {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
