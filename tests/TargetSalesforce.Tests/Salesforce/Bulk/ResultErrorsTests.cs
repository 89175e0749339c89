using TargetSalesforce.Salesforce.Bulk;

namespace TargetSalesforce.Tests.Salesforce.Bulk;

public class ResultErrorsTests
{
    [TestCase("INVALID_EMAIL_ADDRESS:Email: invalid email address: nope:Email --", "INVALID_EMAIL_ADDRESS", "Email: invalid email address: nope", "Email")]
    [TestCase("REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --", "REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]", "LastName")]
    [TestCase("DUPLICATE_VALUE:Duplicate external id specified: C-1:--", "DUPLICATE_VALUE", "Duplicate external id specified: C-1", "")]
    [TestCase("INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--", "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", "")]
    [TestCase("no code at all", "UNKNOWN_ERROR", "no code at all", "")]
    public void An_sf_error_splits_into_code_message_and_fields(string error, string code, string message, string fields) =>
        Assert.That(ResultErrors.Split(error), Is.EqualTo((code, message, fields)));
}
