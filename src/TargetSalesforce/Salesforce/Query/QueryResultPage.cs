using TargetSalesforce.Salesforce.Csv;

namespace TargetSalesforce.Salesforce.Query;

/// <summary>One set of a query job's results, and the locator of the next set (null after the last).</summary>
internal sealed record QueryResultPage(CsvTable Rows, string? NextLocator);
