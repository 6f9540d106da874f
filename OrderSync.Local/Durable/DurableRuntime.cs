using System.ComponentModel.DataAnnotations;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;
using OrderSync.Core.Execution;
using OrderSync.Core.Orchestration.Durable;

namespace OrderSync.Local.Durable;

/// <summary>The local shell's durable runtime: the engine on Azurite, a Durable Task worker with Core's order tasks, its client.</summary>
public static class DurableRuntime
{
    /// <summary>
    /// Starts the engine (its task hub created on first use) and registers the worker, the client and the signal queue's
    /// handler over it. The engine is started before the host is built, as the worker and the client are built over its
    /// channel; the caller disposes of it once the host has stopped.
    /// </summary>
    public static async Task<DurableEngine> AddDurableRuntimeAsync(this IServiceCollection services, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var options = OptionsFrom(configuration);
        var loggers = LoggerFactory.Create(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole());
        var engine = await DurableEngine.StartAsync(DurableEngine.AzureStorage(options, loggers), loggers, cancellationToken);
        services.AddDurableTaskWorker(worker => worker.UseGrpc(engine.Channel).AddTasks(tasks => tasks.AddOrderTasks()));
        services.AddDurableTaskClient(client => client.UseGrpc(engine.Channel));
        services.AddSingleton<IOrderSignalHandler, DurableSignalHandler>();
        return engine;
    }

    /// <summary>OrderSync:Durable, validated; its storage is OrderSync:Storage's unless it names its own.</summary>
    private static DurableEngineOptions OptionsFrom(IConfiguration configuration)
    {
        var options = configuration.GetSection(DurableEngineOptions.Section).Get<DurableEngineOptions>() ?? new DurableEngineOptions();
        if (options.ConnectionString.Length == 0) options.ConnectionString = configuration["OrderSync:Storage:ConnectionString"] ?? "";
        var errors = new List<ValidationResult>();
        if (options.ConnectionString.Length == 0) errors.Add(new($"{DurableEngineOptions.Section}:ConnectionString (or OrderSync:Storage:ConnectionString) is required."));
        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);
        return errors.Count == 0 ? options : throw new OptionsValidationException(DurableEngineOptions.Section, typeof(DurableEngineOptions), errors.Select(e => e.ErrorMessage!));
    }
}
