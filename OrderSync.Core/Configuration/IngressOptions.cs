using System.ComponentModel.DataAnnotations;

namespace OrderSync.Core.Configuration;

public sealed class IngressOptions
{
    public const string Section = "OrderSync:Webhooks";

    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "OrderSync:Webhooks:MaxBodyBytes must be between 1 KiB and 64 MiB.")]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}
