using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OrderSync.Local;

namespace OrderSync.Tests.Local;

[TestClass]
public sealed class OrderRuntimeSettingTests
{
    [TestMethod]
    [DataRow(null, OrderRuntime.Outbox)]
    [DataRow("", OrderRuntime.Outbox)]
    [DataRow("Outbox", OrderRuntime.Outbox)]
    [DataRow("durable", OrderRuntime.Durable)]
    public void The_runtime_is_read_from_the_setting_and_outbox_when_unset(string? value, OrderRuntime expected) =>
        Assert.AreEqual(expected, OrderRuntimeSetting.From(Configuration(value)));

    [TestMethod]
    [DataRow("Orchestrations")]
    [DataRow("1")]
    public void A_value_naming_no_runtime_fails_with_the_setting_and_the_choices(string value)
    {
        var error = Assert.ThrowsExactly<OptionsValidationException>(() => OrderRuntimeSetting.From(Configuration(value)));

        Assert.AreEqual($"OrderSync:Runtime must be Outbox or Durable, not '{value}'.", error.Failures.Single());
    }

    private static IConfiguration Configuration(string? runtime) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [OrderRuntimeSetting.Key] = runtime }).Build();
}
