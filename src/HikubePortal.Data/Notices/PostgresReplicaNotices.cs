using System.Text.Json;
using HikubePortal.Application.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HikubePortal.Data.Notices;

/// <summary>
/// The replicas' notices on the portal's PostgreSQL: a change is sent with <c>pg_notify</c> on channel
/// <see cref="Channel"/>, and each replica keeps one connection that LISTENs to it and hands what the others sent to
/// <see cref="IReplicaNoticeReceiver"/> (its own notices come back too and are skipped). A lost connection is opened
/// again after a pause; notices sent meanwhile are missed, and the pages show those changes at their next read.
/// </summary>
internal sealed partial class PostgresReplicaNotices(
    IConfiguration configuration, IDbContextFactory<PortalDbContext> contexts, IServiceProvider services, ILogger<PostgresReplicaNotices> logger)
    : BackgroundService, IReplicaNotices
{
    public const string Channel = "hikube_bucket_data";

    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(5);

    /// <summary>This replica, in its notices (to skip them when they come back).</summary>
    private readonly string _origin = Guid.NewGuid().ToString("N");

    public void Send(BucketDataNotice notice) => _ = SendAsync(notice);

    internal async Task SendAsync(BucketDataNotice notice)
    {
        try
        {
            var payload = JsonSerializer.Serialize(new Wire(_origin, notice.Tenant, notice.Bucket, notice.Change.ToString()));
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", Channel, payload);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogSendFailed(logger, notice.Tenant, notice.Bucket, ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = PortalConnectionString.WithDeadlines(configuration.GetConnectionString(DataExtensions.ConnectionStringName) ?? "");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Deliver(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogListenFailed(logger, ex.Message, Pause);
                try
                {
                    await Task.Delay(Pause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Deliver(string payload)
    {
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(payload);
            if (wire is null || wire.Origin == _origin || !Enum.TryParse<BucketDataChange>(wire.Change, out var change))
            {
                return;
            }
            services.GetRequiredService<IReplicaNoticeReceiver>().Receive(new BucketDataNotice(wire.Tenant, wire.Bucket, change));
        }
        catch (JsonException)
        {
            // not one of ours: the channel is the portal's, but anyone with the database may NOTIFY on it
        }
    }

    private sealed record Wire(string Origin, string Tenant, string Bucket, string Change);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other replicas of a change of bucket {Tenant}/{Bucket}: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string tenant, string bucket, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening to the other replicas' changes ({Reason}); trying again in {Pause}")]
    private static partial void LogListenFailed(ILogger logger, string reason, TimeSpan pause);
}
