using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderSync.Core.Polling;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Core.Configuration;

/// <summary>OrderSync:TrackingPoll, as AddOrderSync binds it: defaults, overrides, and a bad interval failing with the setting's name.</summary>
[TestClass]
public sealed class TrackingPollConfigurationTests
{
    [TestMethod]
    public void The_poll_is_on_every_five_minutes_unless_configured_otherwise()
    {
        using var defaults = MinimalCore.Services();
        using var configured = MinimalCore.Services(("OrderSync:TrackingPoll:Enabled", "false"), ("OrderSync:TrackingPoll:Interval", "00:00:30"));

        var d = defaults.GetRequiredService<IOptions<TrackingPollOptions>>().Value;
        var c = configured.GetRequiredService<IOptions<TrackingPollOptions>>().Value;

        Assert.AreEqual((true, TimeSpan.FromMinutes(5)), (d.Enabled, d.Interval));
        Assert.AreEqual((false, TimeSpan.FromSeconds(30)), (c.Enabled, c.Interval));
    }

    [TestMethod]
    [DataRow("00:00:00")]
    [DataRow("2.00:00:00")]
    public void An_interval_out_of_range_fails_naming_the_setting(string interval)
    {
        using var services = MinimalCore.Services(("OrderSync:TrackingPoll:Interval", interval));

        var error = Assert.ThrowsExactly<OptionsValidationException>(() => services.GetRequiredService<IOptions<TrackingPollOptions>>().Value);

        StringAssert.Contains(error.Message, "OrderSync:TrackingPoll:Interval must be between 1 second and 1 day");
    }
}
