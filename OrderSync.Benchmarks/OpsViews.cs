using OrderSync.Sandbox.Shopify;

namespace OrderSync.Benchmarks;

/// <summary>
/// Keeps the whole ops view (status, reasons, pending commands, timeline) of orders a run found not as expected, as files in
/// <c>TestResults/</c> beside the figures, to read why.
/// </summary>
internal static class OpsViews
{
    /// <summary>Writes each order's view to <c>TestResults/{folderName}/{orderId}.json</c>, replacing the last run's; hands each to <paramref name="seen"/>.</summary>
    public static async Task<string> KeepAsync(BenchmarkWorld world, string folderName, IEnumerable<string> orderIds, Action<string, string>? seen = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine("TestResults", folderName)).FullName;
        foreach (var old in Directory.EnumerateFiles(folder, "*.json")) File.Delete(old);
        using var http = new HttpClient { BaseAddress = world.Host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var orderId in orderIds)
        {
            using var answer = await http.GetAsync($"api/orders/{ShopifyWebhookBuilder.MerchantShop}/{orderId}");
            var view = await answer.Content.ReadAsStringAsync();
            await File.WriteAllTextAsync(Path.Combine(folder, $"{orderId}.json"), view);
            seen?.Invoke(orderId, $"{(int)answer.StatusCode} {view}");
        }
        return folder;
    }
}
