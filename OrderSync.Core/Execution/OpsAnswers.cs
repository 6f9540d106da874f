using OrderSync.Core.Lifecycle;

namespace OrderSync.Core.Execution;

/// <summary>What the ops API answers when a request cannot be served: the same words in both shells.</summary>
public static class OpsAnswers
{
    public static string StatusRequired { get; } = $"give ?status= one of: {string.Join(", ", OrderStatus.All)}";

    public static string InvalidKey(string shop, string orderId) => $"'{shop}/{orderId}' is not a store domain and numeric order id";

    public static string UnknownOrder(string shop, string orderId) => $"order {shop}/{orderId} is not known to OrderSync";
}
