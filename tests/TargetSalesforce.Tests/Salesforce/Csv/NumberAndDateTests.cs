using TargetSalesforce.Salesforce.Csv;

namespace TargetSalesforce.Tests.Salesforce.Csv;

public class NumberAndDateTests
{
    [TestCase(1e21, "1000000000000000000000")]
    [TestCase(1.5e-7, "0.00000015")]
    [TestCase(-2.5, "-2.5")]
    [TestCase(0.1, "0.1")]
    [TestCase(123456789.123, "123456789.123")]
    [TestCase(-0.0, "0")]
    public void Doubles_are_written_without_exponent(double value, string expected) =>
        Assert.That(NumberText.FromDouble(value), Is.EqualTo(expected));

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Non_finite_doubles_are_no_number(double value) => Assert.That(NumberText.FromDouble(value), Is.Null);

    [TestCase("12", "12")]
    [TestCase("+12.50", "12.50")]
    [TestCase("-.5", "-0.5")]
    [TestCase("1.2345E+3", "1234.5")]
    [TestCase("12345678901234567890.12345678901234567890", "12345678901234567890.12345678901234567890")]
    [TestCase("007", "7")]
    public void Numeric_strings_keep_every_digit(string text, string expected) =>
        Assert.That(NumberText.FromString(text), Is.EqualTo(expected));

    [TestCase("12abc")]
    [TestCase("1,5")]
    [TestCase("NaN")]
    [TestCase("")]
    [TestCase("1e999999")]
    public void Non_numeric_strings_are_no_number(string text) => Assert.That(NumberText.FromString(text), Is.Null);

    [TestCase("12.000", "12")]
    [TestCase("-3", "-3")]
    [TestCase("12.5", null)]
    public void Integers_accept_only_whole_values(string plain, string? expected) =>
        Assert.That(NumberText.AsInteger(plain), Is.EqualTo(expected));

    [TestCase("2024-02-29", "2024-02-29T00:00:00.0000000+00:00", false)]
    [TestCase("2024-01-31T10:20:30Z", "2024-01-31T10:20:30.0000000+00:00", true)]
    [TestCase("2024-01-31T10:20:30.123456789+02:00", "2024-01-31T10:20:30.1234567+02:00", true)]
    [TestCase("2024-01-31 10:20:30-0530", "2024-01-31T10:20:30.0000000-05:30", true)]
    [TestCase("2024-01-31T10:20", "2024-01-31T10:20:00.0000000+00:00", true)]
    [TestCase("2024-01-31t10:20:30,5z", "2024-01-31T10:20:30.5000000+00:00", true)]
    [TestCase("0001-01-01T00:00:00-01:00", "0001-01-01T00:00:00.0000000-01:00", true)]
    [TestCase("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999+00:00", true)]
    public void Reads_iso_dates_and_date_times(string text, string expected, bool hasTime)
    {
        Assert.That(IsoDateTime.TryParse(text, out var value, out var time), Is.True);
        Assert.That(value.ToString("O"), Is.EqualTo(expected));
        Assert.That(time, Is.EqualTo(hasTime));
    }

    [TestCase("2023-02-29")]
    [TestCase("01/31/2024")]
    [TestCase("2024-01-31T25:00:00Z")]
    [TestCase("2024-01-31T10:00:00+15:00")]
    [TestCase("yesterday")]
    [TestCase("2024-13-01")]
    [TestCase("0000-01-01")]
    [TestCase("2024-01-31T10:20:30.Z")]
    [TestCase("2024-01-31T10:20:30+02:0")]
    [TestCase("2024-01-31T10:2")]
    [TestCase("2024-01-31T10:20:3")]
    [TestCase("2024-01-31X10:20:30Z")]
    [TestCase("2024-01-31 ")]
    [TestCase("\u0662\u0660\u0662\u0664-01-31")]
    [TestCase("0001-01-01T00:00:00+01:00")]
    [TestCase("9999-12-31T23:59:59-01:00")]
    public void Rejects_what_is_no_iso_date(string text) => Assert.That(IsoDateTime.TryParse(text, out _, out _), Is.False);

    [TestCase("2024-01-31T10:20:30.123456789+02:00", "2024-01-31T08:20:30.123Z")]
    [TestCase("0001-01-01T00:00:00-01:00", "0001-01-01T01:00:00.000Z")]
    [TestCase("2024-03-06T04:30:00.0005Z", "2024-03-06T04:30:00.000Z")]
    public void Formats_date_times_as_salesforce_takes_them(string text, string expected)
    {
        Assert.That(IsoDateTime.TryParse(text, out var value, out _), Is.True);
        Assert.That(IsoDateTime.FormatUtc(value), Is.EqualTo(expected));
        Assert.That(IsoDateTime.FormatUtc(value), Is.EqualTo(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
