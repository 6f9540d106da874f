using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrderSync.Sandbox.Schemas;

namespace OrderSync.Sandbox.PayPal;

/// <summary>
/// Every request body checked against PayPal's published OpenAPI specifications (<see cref="PlatformSchemas"/>) before an
/// endpoint sees it, and every answer after: a body the specifications do not allow is refused 400 INVALID_REQUEST, as PayPal
/// refuses it; an answer of the simulator's that they do not allow is
/// replaced by a 500 naming what is wrong.
/// </summary>
public sealed partial class PayPalSimulator
{
    // Not part of the REST specifications: the OAuth token endpoint takes a form, and a certificate is served as PEM.
    private static readonly string[] OutsideTheSpecifications = ["/v1/oauth2/token", "/v1/notifications/certs"];

    private static void CheckAgainstPublishedSpecifications(WebApplication app, PlatformSchemas schemas) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (OutsideTheSpecifications.Any(p => request.Path.StartsWithSegments(p)))
        {
            await next(context);
            return;
        }

        var (method, path) = (request.Method, request.Path.Value ?? "/");
        if (await ReadJsonAsync(request) is (true, var body)
            && await schemas.PayPalRequestProblemsAsync(method, path, body, context.RequestAborted) is { Count: > 0 } problems)
        {
            await WriteAsync(context.Response, 400, Error("INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema.",
                [.. problems.Select(p => (JsonNode)new JsonObject
                {
                    ["location"] = "body", ["issue"] = "INVALID_PARAMETER_SYNTAX", ["description"] = p["message"]?.GetValue<string>(),
                })]));
            return;
        }

        var original = context.Response.Body;
        using var answer = new MemoryStream();
        context.Response.Body = answer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var status = context.Response.StatusCode;
        if (context.Response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true
            && await schemas.PayPalAnswerProblemsAsync(method, path, status, JsonNode.Parse(answer.ToArray()), context.RequestAborted) is { Count: > 0 } wrong)
        {
            await WriteAsync(context.Response, 500, Error("INTERNAL_SERVER_ERROR",
                $"The simulator's answer does not fit the published specification: {string.Join("; ", wrong.Select(p => p["message"]?.GetValue<string>()))}"));
            return;
        }
        answer.Position = 0;
        await answer.CopyToAsync(original, context.RequestAborted);
    });

    /// <summary>The request body as JSON (null when empty), left readable for the endpoint.</summary>
    /// <returns>False when the body is not JSON: the endpoint answers that as it does without the check.</returns>
    private static async Task<(bool IsJson, JsonNode? Body)> ReadJsonAsync(HttpRequest request)
    {
        request.EnableBuffering();
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            return buffer.Length == 0 ? (true, null) : (true, JsonNode.Parse(buffer.ToArray()));
        }
        catch (JsonException)
        {
            return (false, null);
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
