using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace OrderSync.Core.Configuration;

/// <summary>Checks the PayPal settings at start-up; every failure names the setting to fix.</summary>
public sealed partial class PayPalOptionsValidator : IValidateOptions<PayPalOptions>
{
    private const string At = PayPalOptions.Section;

    public ValidateOptionsResult Validate(string? name, PayPalOptions options)
    {
        var errors = new List<string>();
        // webhook_id: ^[a-zA-Z0-9]+$, at most 50 characters (developer.paypal.com/api/webhooks/v1/definitions/verify_webhook_signature).
        if (string.IsNullOrWhiteSpace(options.WebhookId))
            errors.Add($"{At}:WebhookId is required: the id PayPal gave the webhook subscription.");
        else if (!WebhookIdPattern().IsMatch(options.WebhookId))
            errors.Add($"{At}:WebhookId must be PayPal's webhook id: 1 to 50 letters and digits.");

        if (!Enum.IsDefined(options.Verification))
            errors.Add($"{At}:Verification must be Offline or Online.");

        if (!SettingChecks.IsHttpsOrLoopbackHttp(options.ApiBaseUrl))
            errors.Add($"{At}:ApiBaseUrl must be an https URL, e.g. https://api-m.paypal.com or https://api-m.sandbox.paypal.com.");

        // Tracking on captures always needs an OAuth token; Online verification needs one too.
        if (string.IsNullOrWhiteSpace(options.ClientId)) errors.Add($"{At}:ClientId is required: PayPal tracking (and Online verification) calls PayPal's API.");
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
            errors.Add($"{At}:ClientSecret is required: PayPal tracking (and Online verification) calls PayPal's API (set it in the environment, OrderSync__PayPal__ClientSecret).");

        for (var i = 0; i < options.CertificateHosts.Count; i++)
            if (Uri.CheckHostName(options.CertificateHosts[i]) == UriHostNameType.Unknown)
                errors.Add($"{At}:CertificateHosts:{i} must be a bare host name such as api.paypal.com (no scheme, port or path).");

        if (options.CertificateCacheDuration < TimeSpan.Zero || options.CertificateCacheDuration > TimeSpan.FromDays(7))
            errors.Add($"{At}:CertificateCacheDuration must be between 0 and 7 days.");
        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(1))
            errors.Add($"{At}:RequestTimeout must be between 1 second and 1 minute.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[a-zA-Z0-9]{1,50}$")]
    private static partial Regex WebhookIdPattern();
}
