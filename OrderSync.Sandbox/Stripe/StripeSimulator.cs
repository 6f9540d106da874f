using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Collections.Concurrent;

namespace OrderSync.Sandbox.Stripe;

/// <summary>
/// A loopback stand-in for Stripe's API (v1, form-encoded), for any number of accounts told apart by their API key:
/// GET /v1/payment_intents/{id} and POST /v1/payment_intents/{id} (shipping[name], shipping[phone], shipping[carrier],
/// shipping[tracking_number], shipping[address][line1|line2|city|state|postal_code|country]), authenticated by
/// "Authorization: Bearer {key}" or Basic "{key}:". Errors are Stripe's {"error": {type, code, message, param}}.
/// Idempotency as docs.stripe.com/idempotency describes: the first result of a POST whose execution began is saved under
/// its Idempotency-Key and replayed to the same key with the same parameters; other parameters answer 400
/// idempotency_error; failed validation and faults in front of the endpoint (429, 5xx) save nothing.
/// </summary>
public sealed class StripeSimulator : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SimulatedStripeAccount> _accounts = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private WebApplication? _app;

    private StripeSimulator(TimeProvider time) => _time = time;

    /// <summary>The API base a client uses in place of https://api.stripe.com.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<StripeSimulator> StartAsync(int port = 0, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var simulator = new StripeSimulator(time ?? TimeProvider.System);
        (simulator._app, simulator.BaseUrl) = await SimulatorHttp.StartAsync(port, app =>
        {
            app.MapGet("/v1/payment_intents/{id}", (HttpContext context, string id) => simulator.HandleAsync(context, id, post: false));
            app.MapPost("/v1/payment_intents/{id}", (HttpContext context, string id) => simulator.HandleAsync(context, id, post: true));
        }, cancellationToken);
        return simulator;
    }

    public SimulatedStripeAccount AddAccount(string apiKey) => _accounts[apiKey] = new SimulatedStripeAccount(apiKey, _time);

    public SimulatedStripeAccount Account(string apiKey) => _accounts[apiKey];

    private async Task HandleAsync(HttpContext context, string id, bool post)
    {
        var request = context.Request;
        var response = context.Response;
        if (ApiKey(request) is not { } key)
        {
            await WriteErrorAsync(response, 401, "invalid_request_error", null,
                "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
            return;
        }
        if (!_accounts.TryGetValue(key, out var account))
        {
            await WriteErrorAsync(response, 401, "invalid_request_error", null, $"Invalid API Key provided: {Masked(key)}");
            return;
        }

        var form = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (post && request.HasFormContentType)
            foreach (var (name, values) in await request.ReadFormAsync(context.RequestAborted))
                form[name] = values.ToString();
        var idempotencyKey = post ? request.Headers["Idempotency-Key"].FirstOrDefault() : null;
        var version = request.Headers["Stripe-Version"].FirstOrDefault();
        var path = request.Path.Value ?? "";
        void Record(int status, bool replayed) =>
            account.Record(new ReceivedStripeRequest(request.Method, path, idempotencyKey, version, new Dictionary<string, string>(form), status, replayed, account.Now));

        if (idempotencyKey is not null && !account.TryBegin(idempotencyKey))
        {
            // A concurrent request with the same key: no result is saved for this one (docs.stripe.com/idempotency).
            Record(409, false);
            await WriteErrorAsync(response, 409, "idempotency_error", null,
                "There is currently another in-progress request using this idempotency key. Please try again later.");
            return;
        }
        try
        {
            await HandleOnceAsync(context, account, id, post, form, idempotencyKey, path, Record);
        }
        finally
        {
            if (idempotencyKey is not null) account.End(idempotencyKey);
        }
    }

    private static async Task HandleOnceAsync(
        HttpContext context, SimulatedStripeAccount account, string id, bool post, SortedDictionary<string, string> form,
        string? idempotencyKey, string path, Action<int, bool> Record)
    {
        var request = context.Request;
        var response = context.Response;
        var fault = account.TakeFault(request.Method);
        switch (fault)
        {
            case StripeFault.RateLimited r:
                Record(429, false);
                response.Headers.RetryAfter = r.RetryAfterSeconds.ToString();
                response.Headers["Stripe-Should-Retry"] = "true";
                await WriteErrorAsync(response, 429, "invalid_request_error", "rate_limit",
                    "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.");
                return;
            case StripeFault.ServerError s:
                Record(s.StatusCode, false);
                await WriteErrorAsync(response, s.StatusCode, "api_error", null, "An unknown error occurred");
                return;
            case StripeFault.MalformedBody:
                Record(200, false);
                await SimulatorHttp.WriteHtmlAsync(response, "<html><body>502 Bad Gateway</body></html>");
                return;
            case StripeFault.StallBeforeEffect stall:
                if (!await SimulatorHttp.StallAsync(stall.Delay, context.RequestAborted)) return;
                break;
        }

        var fingerprint = $"{request.Method} {path}?{string.Join("&", form.Select(p => $"{p.Key}={p.Value}"))}";
        var (status, body, replayed) = account.Locked(() =>
        {
            if (idempotencyKey is not null && account.Saved(idempotencyKey) is { } saved)
                return saved.Fingerprint == fingerprint
                    ? (saved.Status, saved.Body, true)
                    : (400, Error("idempotency_error", null,
                        $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{idempotencyKey}' if you meant to execute a different request.", null), false);

            var (s, b, began) = fault is StripeFault.SavedServerError saved500
                ? (saved500.StatusCode, Error("api_error", null, "An unknown error occurred", null), true)
                : post ? Update(account, id, form) : Retrieve(account, id);
            if (began && idempotencyKey is not null) account.Save(idempotencyKey, new SimulatedStripeAccount.SavedResult(fingerprint, s, b));
            return (s, b, false);
        });
        Record(status, replayed);

        if (fault is StripeFault.StallAfterEffect after && !await SimulatorHttp.StallAsync(after.Delay, context.RequestAborted)) return;
        await WriteAsync(response, status, body);
    }

    private static (int Status, string Body, bool Began) Retrieve(SimulatedStripeAccount account, string id) =>
        account.Find(id) is { } intent ? (200, Json(intent), true) : (404, Missing(id), true);

    private static (int Status, string Body, bool Began) Update(SimulatedStripeAccount account, string id, IReadOnlyDictionary<string, string> form)
    {
        var parameters = StripeForm.Parse(form);
        if (Unknown(parameters) is { } unknown)
            return (400, Error("invalid_request_error", "parameter_unknown", $"Received unknown parameter: {unknown}", unknown), false);
        var shipping = parameters["shipping"] as JsonObject;
        if (shipping is not null && string.IsNullOrEmpty(Text(shipping, "name")))
            return (400, Error("invalid_request_error", "parameter_missing", "Missing required param: shipping[name].", "shipping[name]"), false);
        if (shipping is not null && shipping["address"] is not JsonObject)
            return (400, Error("invalid_request_error", "parameter_missing", "Missing required param: shipping[address].", "shipping[address]"), false);
        if (account.Find(id) is null) return (404, Missing(id), true);
        if (parameters.Count == 0 || parameters.All(p => p.Key == "expand")) return (200, Json(account.Find(id)!), true);

        var updated = account.Update(id, intent => intent with
        {
            Shipping = parameters.ContainsKey("shipping") ? Shipping(shipping) : intent.Shipping,
            Metadata = Metadata(intent.Metadata, parameters["metadata"]),
        });
        return (200, Json(updated), true);
    }

    /// <summary>The first parameter a PaymentIntent update does not take, named as Stripe names it (shipping[adress]).</summary>
    private static string? Unknown(JsonObject parameters) =>
        parameters.Select(p => p.Key switch
        {
            "expand" or "metadata" => null,
            "shipping" when p.Value is JsonObject shipping => UnknownIn(shipping, "shipping", ShippingParameters),
            "shipping" => p.Value is JsonValue v && v.GetValue<string>() == "" ? null : "shipping",
            var other => other,
        }).FirstOrDefault(u => u is not null);

    private static string? UnknownIn(JsonObject hash, string at, IReadOnlyDictionary<string, string[]?> known) =>
        hash.Select(p => !known.TryGetValue(p.Key, out var nested) ? $"{at}[{p.Key}]"
            : nested is not null && p.Value is JsonObject inner ? UnknownIn(inner, $"{at}[{p.Key}]", nested.ToDictionary(n => n, _ => (string[]?)null))
            : null).FirstOrDefault(u => u is not null);

    /// <summary>The shipping hash a PaymentIntent takes, and the address inside it.</summary>
    private static readonly Dictionary<string, string[]?> ShippingParameters = new()
    {
        ["name"] = null, ["phone"] = null, ["carrier"] = null, ["tracking_number"] = null,
        ["address"] = ["line1", "line2", "city", "state", "postal_code", "country"],
    };

    /// <summary>The new shipping: null when shipping was posted empty (Stripe unsets it).</summary>
    private static SimulatedShipping? Shipping(JsonObject? shipping)
    {
        if (shipping is null) return null;
        var address = (JsonObject)shipping["address"]!;
        return new SimulatedShipping(Text(shipping, "name")!, Text(shipping, "phone"), Text(shipping, "carrier"), Text(shipping, "tracking_number"),
            Text(address, "line1"), Text(address, "line2"), Text(address, "city"), Text(address, "state"), Text(address, "postal_code"), Text(address, "country"));
    }

    /// <summary>Metadata as Stripe updates it: keys posted are set, a key posted empty is removed, metadata posted empty clears all.</summary>
    private static Dictionary<string, string> Metadata(IReadOnlyDictionary<string, string> current, JsonNode? posted)
    {
        if (posted is JsonValue) return [];
        var metadata = new Dictionary<string, string>(current);
        foreach (var (key, value) in posted as JsonObject ?? [])
            if (Text(value) is { } text) metadata[key] = text;
            else metadata.Remove(key);
        return metadata;
    }

    private static string? Text(JsonObject hash, string name) => Text(hash[name]);

    private static string? Text(JsonNode? value) => value is JsonValue v && v.GetValue<string>() is { Length: > 0 } text ? text : null;

    /// <summary>
    /// The PaymentIntent as Stripe answers it: every attribute of the object, from the sample on Stripe's API reference
    /// (docs.stripe.com/api/payment_intents/object, API version 2026-04-22.dahlia; payment_intent.sample.json) with this
    /// intent's own values in place of the sample's.
    /// </summary>
    private static string Json(SimulatedPaymentIntent intent)
    {
        var answer = SampleIntent.DeepClone().AsObject();
        answer["id"] = intent.Id;
        answer["amount"] = intent.Amount;
        answer["amount_received"] = intent.Status == "succeeded" ? intent.Amount : 0;
        answer["client_secret"] = $"{intent.Id}_secret_simulated";
        answer["currency"] = intent.Currency;
        answer["status"] = intent.Status;
        answer["metadata"] = new JsonObject([.. intent.Metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))]);
        answer["shipping"] = intent.Shipping is not { } s ? null : new JsonObject
        {
            ["address"] = new JsonObject
            {
                ["city"] = s.City, ["country"] = s.Country, ["line1"] = s.Line1, ["line2"] = s.Line2,
                ["postal_code"] = s.PostalCode, ["state"] = s.State,
            },
            ["carrier"] = s.Carrier,
            ["name"] = s.Name,
            ["phone"] = s.Phone,
            ["tracking_number"] = s.TrackingNumber,
        };
        return answer.ToJsonString();
    }

    private static readonly JsonObject SampleIntent = JsonNode.Parse(
        typeof(StripeSimulator).Assembly.GetManifestResourceStream("OrderSync.Sandbox.Stripe.payment_intent.sample.json")!)!.AsObject();

    private static string Missing(string id) =>
        Error("invalid_request_error", "resource_missing", $"No such payment_intent: '{id}'", "intent");

    private static string Error(string type, string? code, string message, string? param)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (code is not null) error["code"] = code;
        if (param is not null) error["param"] = param;
        return new JsonObject { ["error"] = error }.ToJsonString();
    }

    /// <summary>The API key from "Bearer {key}" or Basic "{key}:" (curl -u sk_test_…:).</summary>
    private static string? ApiKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        if (header is null) return null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header[7..].Trim() is { Length: > 0 } k ? k : null;
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var user = decoded.Split(':', 2)[0];
            return user.Length > 0 ? user : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Masked(string key) => key.Length <= 4 ? "****" : $"{key[..Math.Min(8, key.Length - 4)]}****{key[^4..]}";


    private static Task WriteErrorAsync(HttpResponse response, int status, string type, string? code, string message) =>
        WriteAsync(response, status, Error(type, code, message, null));

    private static async Task WriteAsync(HttpResponse response, int status, string body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers["Request-Id"] = $"req_{Guid.NewGuid():N}"[..18];
        await response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
