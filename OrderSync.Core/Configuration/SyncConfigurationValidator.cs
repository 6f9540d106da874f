using Microsoft.Extensions.Options;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Configuration;

/// <summary>Checks merchants and vendors at start-up; every failure names the setting to fix.</summary>
public sealed class SyncConfigurationValidator : IValidateOptions<SyncConfiguration>
{
    public ValidateOptionsResult Validate(string? name, SyncConfiguration options)
    {
        var errors = new List<string>();
        var vendorIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Vendors.Count; i++)
        {
            var v = options.Vendors[i];
            var at = $"OrderSync:Vendors:{i}";
            if (string.IsNullOrWhiteSpace(v.Id)) errors.Add($"{at}:Id is required.");
            else if (!vendorIds.Add(v.Id)) errors.Add($"{at}:Id '{v.Id}' is used by another vendor.");
            if (v.Kind == VendorKind.ShopifyStore)
            {
                if (!OrderKey.IsValidShop(v.ShopDomain)) errors.Add($"{at}:ShopDomain must be the vendor's myshopify domain.");
                if (string.IsNullOrWhiteSpace(v.AccessToken)) errors.Add($"{at}:AccessToken is required (set it in the environment, e.g. OrderSync__Vendors__{i}__AccessToken).");
                if (v.AdminApiBaseUrl is { IsAbsoluteUri: false }) errors.Add($"{at}:AdminApiBaseUrl must be an absolute URL.");
            }
            else if (!string.IsNullOrWhiteSpace(v.Id) && !v.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                errors.Add($"{at}:Id '{v.Id}' may hold only letters, digits, '-', '_' and '.': it ends the vendor's webhook URL.");
            }
            if (v.Kind == VendorKind.HttpVendor && v.WebhookSecrets.Count == 0)
                errors.Add($"{at}:WebhookSecrets needs at least one secret for an HTTP vendor (set it in the environment, e.g. OrderSync__Vendors__{i}__WebhookSecrets__0).");
            if (v.Kind is VendorKind.ShipHero or VendorKind.HttpVendor && v.ApiBaseUrl is { IsAbsoluteUri: false })
                errors.Add($"{at}:ApiBaseUrl must be an absolute URL.");
            if (v.Kind == VendorKind.ShipHero && v.PushesOrders && string.IsNullOrWhiteSpace(v.RefreshToken)
                && (string.IsNullOrWhiteSpace(v.Username) || string.IsNullOrWhiteSpace(v.Password)))
                errors.Add($"{at}: a ShipHero vendor that OrderSync pushes to needs RefreshToken, or Username and Password (set them in the environment, e.g. OrderSync__Vendors__{i}__RefreshToken).");
            for (var j = 0; j < v.WebhookSecrets.Count; j++)
                if (string.IsNullOrWhiteSpace(v.WebhookSecrets[j])) errors.Add($"{at}:WebhookSecrets:{j} is empty: an empty secret would let anyone sign this vendor's webhooks.");
        }

        var retry = options.Retry;
        if (retry.Initial < TimeSpan.FromSeconds(1) || retry.Initial > TimeSpan.FromHours(1))
            errors.Add("OrderSync:Retry:Initial must be between 1 second and 1 hour.");
        if (retry.Maximum < retry.Initial) errors.Add("OrderSync:Retry:Maximum must be at least OrderSync:Retry:Initial.");
        if (retry.Budget < retry.Maximum) errors.Add("OrderSync:Retry:Budget must be at least OrderSync:Retry:Maximum.");

        var shops = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Merchants.Count; i++)
        {
            var m = options.Merchants[i];
            var at = $"OrderSync:Merchants:{i}";
            if (!OrderKey.IsValidShop(m.Shop)) errors.Add($"{at}:Shop must be the merchant's myshopify domain.");
            else if (!shops.Add(m.Shop)) errors.Add($"{at}:Shop '{m.Shop}' is configured twice.");
            if (m.AdminApiBaseUrl is { IsAbsoluteUri: false }) errors.Add($"{at}:AdminApiBaseUrl must be an absolute URL.");
            if (m.AccessToken is { } token && !SettingChecks.IsUsableKey(token))
                errors.Add($"{at}:AccessToken must be the store's Admin API token, without spaces (set it in the environment, e.g. OrderSync__Merchants__{i}__AccessToken), or be removed.");
            if (m.DefaultVendorId is { } d && !vendorIds.Contains(d)) errors.Add($"{at}:DefaultVendorId '{d}' is not a configured vendor.");
            if (m.PushUnmappedProducts && m.DefaultVendorId is null) errors.Add($"{at}:PushUnmappedProducts needs a DefaultVendorId to push them to.");
            if (m.OverrideCustomerInfo && (m.MerchantContact is not { } contact
                    || string.IsNullOrWhiteSpace(contact.Email) || (string.IsNullOrWhiteSpace(contact.FirstName) && string.IsNullOrWhiteSpace(contact.LastName))))
                errors.Add($"{at}:OverrideCustomerInfo needs MerchantContact with a name (FirstName or LastName) and an Email to send in the buyer's place.");
            if (!Enum.IsDefined(m.OnPaymentReversal)) errors.Add($"{at}:OnPaymentReversal must be Hold or CancelAtVendor.");
            for (var j = 0; j < m.ProductMappings.Count; j++)
            {
                var p = m.ProductMappings[j];
                if (string.IsNullOrWhiteSpace(p.MerchantSku)) errors.Add($"{at}:ProductMappings:{j}:MerchantSku is required.");
                if (!vendorIds.Contains(p.VendorId)) errors.Add($"{at}:ProductMappings:{j}:VendorId '{p.VendorId}' is not a configured vendor.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
