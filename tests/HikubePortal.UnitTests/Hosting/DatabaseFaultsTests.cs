using System.Net.Sockets;
using HikubePortal.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HikubePortal.UnitTests.Hosting;

/// <summary>PostgreSQL not answering or not reachable escapes a page as a 503 in words; its own refusals stay 500.</summary>
public sealed class DatabaseFaultsTests
{
    [Fact]
    public void A_timeout_says_the_database_is_not_answering()
    {
        var timeout = new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));

        Assert.Equal(DatabaseFaults.NotAnswering, DatabaseFaults.Words(timeout));
        Assert.Equal(DatabaseFaults.NotAnswering, DatabaseFaults.Words(new DbUpdateException("save failed", timeout)));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, ClientFaults.StatusFor(timeout));
    }

    [Fact]
    public void A_refused_connection_says_the_database_cannot_be_reached()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Equal(DatabaseFaults.Unreachable, DatabaseFaults.Words(refused));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, ClientFaults.StatusFor(refused));
    }

    [Fact]
    public void What_postgresql_itself_refuses_and_other_failures_stay_the_portals_own()
    {
        var refusal = new PostgresException("duplicate key", "ERROR", "ERROR", "23505");

        Assert.Null(DatabaseFaults.Words(refusal));
        Assert.Null(DatabaseFaults.Words(new InvalidOperationException("a bug")));
        Assert.Equal(StatusCodes.Status500InternalServerError, ClientFaults.StatusFor(refusal));
    }
}
