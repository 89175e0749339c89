using NJsonSchema;
using NJsonSchema.References;

namespace TargetSalesforce.Singer.Validation;

/// <summary>Resolves a schema's `$ref`s inside the schema only: a tap's SCHEMA must never make the target fetch a URL or read a file.</summary>
internal sealed class LocalReferenceResolver(JsonSchema root)
    : JsonReferenceResolver(new JsonSchemaAppender(root, new DefaultTypeNameGenerator()))
{
    public override Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"the schema refers to the file '{filePath}'; only references inside the schema are followed");

    public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"the schema refers to the URL '{url}'; only references inside the schema are followed");
}
