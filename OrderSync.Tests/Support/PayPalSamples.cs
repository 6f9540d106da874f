using System.Security.Cryptography.X509Certificates;

namespace OrderSync.Tests.Support;

/// <summary>PayPal's test vector and sample events (see samples/paypal/README.md for their sources).</summary>
public static class PayPalSamples
{
    public static byte[] CaptureCompleted() => Read("payment-capture-completed.json");

    /// <summary>The capture sample with custom_id = "merchant.myshopify.com/1001".</summary>
    public static byte[] CaptureCompletedWithOrderKey() => Read("payment-capture-completed-order-key.json");

    public static byte[] CaptureRefunded() => Read("payment-capture-refunded.json");

    public static byte[] CaptureReversed() => Read("payment-capture-reversed.json");

    public static byte[] DisputeCreated() => Read("customer-dispute-created.json");

    /// <summary>PayPal's own CUSTOMER.DISPUTE.CREATED example, unadapted (its disputed capture is 00D10444LD479031K).</summary>
    public static byte[] DisputeCreatedPayPalExample() => Read("customer-dispute-created-paypal-example.json");

    /// <summary>paypal/PayPal-Java-SDK ValidateCertTest's requestBody, byte for byte.</summary>
    public static byte[] VectorEvent() => Read("validate-cert-test-event.json");

    public static string VectorCertificatePem() => File.ReadAllText(Path("clientCertTest.crt"));

    public static X509Certificate2 VectorCertificate() => X509Certificate2.CreateFromPem(VectorCertificatePem());

    private static byte[] Read(string name) => File.ReadAllBytes(Path(name));

    private static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "samples", "paypal", name);
}
