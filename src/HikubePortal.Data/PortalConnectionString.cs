using System.Data.Common;
using Npgsql;

namespace HikubePortal.Data;

/// <summary>
/// The portal's connection string with deadlines fit for pages. Npgsql's own defaults (15 s to open a connection, 30 s
/// per command) hold a page for most of a minute when PostgreSQL accepts connections but does not answer; the portal's
/// commands are small, so a few seconds say it in words instead. A value the connection string sets itself wins.
/// </summary>
/// <remarks>
/// What a page waits for a PostgreSQL that does not answer, measured through a proxy that accepts and never answers:
/// a command on a pooled connection takes <see cref="CommandSeconds"/>, then Npgsql opens a connection to send
/// PostgreSQL's cancel and gives up after <see cref="ConnectSeconds"/>; opening a connection takes
/// <see cref="ConnectSeconds"/>, twice while GSS encryption is "prefer" (Npgsql tries again without it).
/// </remarks>
public static class PortalConnectionString
{
    /// <summary>Seconds to open a connection (Npgsql's <c>Timeout</c>).</summary>
    public const int ConnectSeconds = 2;

    /// <summary>Seconds one command may run (Npgsql's <c>Command Timeout</c>); migrations get their own, longer.</summary>
    public const int CommandSeconds = 2;

    /// <summary>Milliseconds to wait for PostgreSQL's answer to the cancel of a timed-out command before dropping the connection.</summary>
    public const int CancellationMilliseconds = 1000;

    public static string WithDeadlines(string connectionString)
    {
        DbConnectionStringBuilder given;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            given = new DbConnectionStringBuilder { ConnectionString = connectionString };
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return connectionString; // the settings check says what is wrong with it, in words and without the password
        }
        bool Unset(params string[] keys) => !keys.Any(given.ContainsKey);
        if (Unset("Timeout"))
        {
            builder.Timeout = ConnectSeconds;
        }
        if (Unset("Command Timeout", "CommandTimeout"))
        {
            builder.CommandTimeout = CommandSeconds;
        }
        if (Unset("Cancellation Timeout", "CancellationTimeout"))
        {
            builder.CancellationTimeout = CancellationMilliseconds;
        }
        if (Unset("Gss Encryption Mode", "GssEncryptionMode"))
        {
            builder.GssEncryptionMode = GssEncryptionMode.Disable; // no second open without it after a timeout
        }
        return builder.ConnectionString;
    }
}
