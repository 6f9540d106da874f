using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderSync.Core.Telemetry;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Core.Configuration;

/// <summary>OrderSync:OrderGauges, as AddOrderSync binds it: the default interval, and a bad one failing with the setting's name.</summary>
[TestClass]
public sealed class OrderGaugeConfigurationTests
{
    [TestMethod]
    public void The_gauges_are_refreshed_every_five_minutes_unless_configured_otherwise()
    {
        using var defaults = MinimalCore.Services();
        using var configured = MinimalCore.Services(("OrderSync:OrderGauges:Interval", "00:01:00"));

        Assert.AreEqual((true, TimeSpan.FromMinutes(5)), (defaults.GetRequiredService<IOptions<OrderGaugeOptions>>().Value.Enabled,
            defaults.GetRequiredService<IOptions<OrderGaugeOptions>>().Value.Interval));
        Assert.AreEqual(TimeSpan.FromMinutes(1), configured.GetRequiredService<IOptions<OrderGaugeOptions>>().Value.Interval);
    }

    [TestMethod]
    [DataRow("00:00:05")]
    [DataRow("2.00:00:00")]
    public void An_interval_out_of_range_fails_naming_the_setting(string interval)
    {
        using var services = MinimalCore.Services(("OrderSync:OrderGauges:Interval", interval));

        var error = Assert.ThrowsExactly<OptionsValidationException>(() => services.GetRequiredService<IOptions<OrderGaugeOptions>>().Value);

        StringAssert.Contains(error.Message, "OrderSync:OrderGauges:Interval must be between 10 seconds and 1 day");
    }
}
