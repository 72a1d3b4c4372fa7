using HikubePortal.Testing;
using Npgsql;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>A database of its own on the platform's PostgreSQL, dropped at the end.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Connection string of the new database.</summary>
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string prefix = "portal")
    {
        var name = LocalPlatform.UniqueName(prefix).Replace('-', '_');
        var admin = new NpgsqlConnectionStringBuilder(LocalPlatform.Current.PostgresConnectionString);
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name };
        return new TestDatabase(name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(LocalPlatform.Current.PostgresConnectionString);
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                // WITH (FORCE) may not end a backend of another role: an autovacuum worker that just started on the
                // database. It ends by itself in a moment.
                await Task.Delay(250);
            }
        }
    }
}
