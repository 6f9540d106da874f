namespace OrderSync.Core.Platforms.Shopify;

/// <summary>A Shopify store OrderSync calls: its domain, where its Admin API answers, and the token to use.</summary>
public sealed record ShopifyStore(string Domain, Uri AdminBaseUrl, string AccessToken)
{
    public override string ToString() => Domain; // never the token
}
