namespace TargetSalesforce.Cli;

/// <summary>`--about --format`: JSON for tools (Meltano Hub), Markdown for people and the README.</summary>
public enum AboutFormat
{
    Markdown,
    Json,
}
