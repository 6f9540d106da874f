using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderSync.Core.Polling;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Core.Configuration;

/// <summary>OrderSync:Backfill, as AddOrderSync binds it: defaults, overrides, and a setting out of range failing with its name.</summary>
[TestClass]
public sealed class BackfillConfigurationTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings) => MinimalCore.Services(settings);

    [TestMethod]
    public void Given_no_settings_Then_the_back_fill_reads_seven_days_every_hour_the_first_time_30_seconds_after_start()
    {
        using var defaults = Services();
        using var configured = Services(("OrderSync:Backfill:Enabled", "false"), ("OrderSync:Backfill:Interval", "00:10:00"),
            ("OrderSync:Backfill:LookbackDays", "30"), ("OrderSync:Backfill:FirstRunDelay", "00:00:00"));

        var d = defaults.GetRequiredService<IOptions<BackfillOptions>>().Value;
        var c = configured.GetRequiredService<IOptions<BackfillOptions>>().Value;

        Assert.AreEqual((true, TimeSpan.FromHours(1), 7, TimeSpan.FromSeconds(30), 50), (d.Enabled, d.Interval, d.LookbackDays, d.FirstRunDelay, d.PageSize));
        Assert.AreEqual((false, TimeSpan.FromMinutes(10), 30, TimeSpan.Zero), (c.Enabled, c.Interval, c.LookbackDays, c.FirstRunDelay));
    }

    [TestMethod]
    [DataRow("OrderSync:Backfill:Interval", "00:00:00", "OrderSync:Backfill:Interval must be between 1 second and 7 days")]
    [DataRow("OrderSync:Backfill:Interval", "8.00:00:00", "OrderSync:Backfill:Interval must be between 1 second and 7 days")]
    [DataRow("OrderSync:Backfill:LookbackDays", "0", "OrderSync:Backfill:LookbackDays must be between 1 and 365")]
    [DataRow("OrderSync:Backfill:LookbackDays", "366", "OrderSync:Backfill:LookbackDays must be between 1 and 365")]
    [DataRow("OrderSync:Backfill:FirstRunDelay", "2.00:00:00", "OrderSync:Backfill:FirstRunDelay must be between 0 and 1 day")]
    [DataRow("OrderSync:Backfill:PageSize", "251", "OrderSync:Backfill:PageSize must be between 1 and 250")]
    public void Given_a_setting_out_of_range_Then_start_up_fails_naming_it(string setting, string value, string message)
    {
        using var services = Services((setting, value));

        var error = Assert.ThrowsExactly<OptionsValidationException>(() => services.GetRequiredService<IOptions<BackfillOptions>>().Value);

        StringAssert.Contains(error.Message, message);
    }
}
