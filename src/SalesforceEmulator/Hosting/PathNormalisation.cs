using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;

namespace SalesforceEmulator.Hosting;

/// <summary>
/// Collapses repeated slashes ("//services/data" → "/services/data") before routing: the Salesforce CLI stores
/// the instance URL with a trailing slash and appends paths that start with one.
/// </summary>
public static partial class PathNormalisation
{
    public static IApplicationBuilder UsePathNormalisation(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            var path = http.Request.Path.Value;
            if (path is not null && path.Contains("//", StringComparison.Ordinal))
            {
                http.Request.Path = RepeatedSlashes().Replace(path, "/");
            }

            return next(http);
        });

    [GeneratedRegex("/{2,}")]
    private static partial Regex RepeatedSlashes();
}
