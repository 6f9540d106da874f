using System.Text.Json;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Webhooks.Stripe;

/// <summary>
/// Reads a Stripe event (a snapshot event: <c>{id, type, created, data: {object}}</c>, docs.stripe.com/api/events/object)
/// straight from its JSON, so events of any API version are read alike, and only the fields used here must be present.
/// payment_intent.succeeded → Captured (amount_received); payment_intent.payment_failed → Failed (amount);
/// charge.refunded → Refunded or PartiallyRefunded (amount_refunded); charge.dispute.created → Disputed (the dispute's
/// amount). Other types are ignored. Never throws for bad input: answers <see cref="WebhookParse.Malformed"/>.
/// </summary>
public static class StripeEventNormalizer
{
    /// <summary>What one event says about a payment, before routing.</summary>
    private sealed record Payment(PaymentEvent Event, Money Amount, OrderKey? Order, string? PaymentIntentId, string? ChargeId);

    private static readonly Dictionary<string, Func<JsonElement, Result>> Readers = new(StringComparer.Ordinal)
    {
        ["payment_intent.succeeded"] = o => PaymentIntent(o, PaymentEvent.Captured, "amount_received"),
        ["payment_intent.payment_failed"] = o => PaymentIntent(o, PaymentEvent.Failed, "amount"),
        ["charge.refunded"] = Refund,
        ["charge.dispute.created"] = Dispute,
    };

    public static WebhookParse Normalize(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        using var document = JsonFields.ParseObject(body);
        if (document is null) return new WebhookParse.Malformed("the body is not a JSON object");
        var stripeEvent = document.RootElement;

        var id = stripeEvent.Text("id");
        if (string.IsNullOrWhiteSpace(id)) return new WebhookParse.Malformed("the event has no id");
        var type = stripeEvent.Text("type");
        if (string.IsNullOrWhiteSpace(type)) return new WebhookParse.Malformed($"event {id} has no type");
        if (!Readers.TryGetValue(type, out var read)) return new WebhookParse.Ignored($"event type {type} is not used");
        if (UnixTime(stripeEvent.Integer("created")) is not { } created) return new WebhookParse.Malformed($"event {id} has no valid created time");
        if (stripeEvent.Child("data")?.Child("object") is not { } stripeObject) return new WebhookParse.Malformed($"event {id} has no data.object");

        var result = read(stripeObject);
        if (result.Error is not null) return new WebhookParse.Malformed($"event {id} ({type}): {result.Error}");
        var payment = result.Payment!;

        var signal = new PaymentReported(PaymentPlatform.Stripe, payment.Event, payment.PaymentIntentId ?? payment.ChargeId, payment.Amount, created);
        var origin = new SignalOrigin(StripeWebhookSource.SourceName, type, id, created, receivedAt);
        var inbound = StripeRouting.Route($"{StripeWebhookSource.SourceName}:{id}", signal, origin, payment.Order, payment.PaymentIntentId, payment.ChargeId);
        return inbound is null
            ? new WebhookParse.Malformed($"event {id} ({type}) names no order, PaymentIntent or charge")
            : new WebhookParse.Accepted(id, [inbound]);
    }

    private static Result PaymentIntent(JsonElement intent, PaymentEvent paymentEvent, string amountField)
    {
        var id = StripeRouting.IdOf(intent, "id");
        if (id is null) return "the PaymentIntent has no id";
        return Amount(intent, amountField, out var amount) is { } error
            ? error
            : new Payment(paymentEvent, amount, StripeRouting.OrderNamedBy(intent), id, StripeRouting.IdOf(intent, "latest_charge"));
    }

    private static Result Refund(JsonElement charge)
    {
        var id = StripeRouting.IdOf(charge, "id");
        if (id is null) return "the charge has no id";
        if (Amount(charge, "amount_refunded", out var refunded) is { } error) return error;
        if (charge.Integer("amount") is not { } charged) return $"charge {id} has no integer amount";

        // "refunded: whether the charge has been fully refunded; false when only partially refunded" (Stripe's Charge
        // object); it also covers a partially captured charge whose captured part was refunded in full.
        var full = charge.Flag("refunded") == true || charge.Integer("amount_refunded") >= charged;
        return new Payment(full ? PaymentEvent.Refunded : PaymentEvent.PartiallyRefunded, refunded,
            StripeRouting.OrderNamedBy(charge), StripeRouting.IdOf(charge, "payment_intent"), id);
    }

    /// <summary>A dispute names its charge and (when there is one) its PaymentIntent, which may be null.</summary>
    private static Result Dispute(JsonElement dispute) =>
        Amount(dispute, "amount", out var amount) is { } error
            ? error
            : new Payment(PaymentEvent.Disputed, amount, null, StripeRouting.IdOf(dispute, "payment_intent"), StripeRouting.IdOf(dispute, "charge"));

    /// <returns>Why the amount cannot be read, or null when <paramref name="money"/> holds it.</returns>
    private static string? Amount(JsonElement stripeObject, string field, out Money money)
    {
        money = null!;
        var currency = StripeAmounts.Currency(stripeObject.Text("currency"));
        if (currency is null) return "currency is missing or not a three-letter code";
        if (stripeObject.Integer(field) is not ({ } minorUnits and >= 0)) return $"{field} is missing or not a non-negative integer";
        money = StripeAmounts.ToMoney(minorUnits, currency);
        return null;
    }

    private static DateTimeOffset? UnixTime(long? seconds) =>
        seconds is { } s && s >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && s <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(s)
            : null;

    /// <summary>A reader's outcome: the payment, or why the object cannot be read.</summary>
    private readonly record struct Result(Payment? Payment, string? Error)
    {
        public static implicit operator Result(Payment payment) => new(payment, null);
        public static implicit operator Result(string error) => new(null, error);
    }
}
