namespace OrderSync.Core.Webhooks;

/// <summary>A webhook body not shaped as its sender documents it; the message names the field, e.g. "shipment.lines[0].quantity".</summary>
public sealed class WebhookFormatException(string message) : Exception(message);
