using HikubePortal.Data;
using Npgsql;

namespace HikubePortal.UnitTests.Data;

/// <summary>The portal's deadlines where the connection string has none; the connection string's own win.</summary>
public sealed class PortalConnectionStringTests
{
    [Fact]
    public void A_connection_string_without_deadlines_gets_the_portals()
    {
        var result = new NpgsqlConnectionStringBuilder(PortalConnectionString.WithDeadlines("Host=db;Database=p;Username=u;Password=secret"));

        Assert.Equal((2, 2, 1000), (result.Timeout, result.CommandTimeout, result.CancellationTimeout));
        Assert.Equal(GssEncryptionMode.Disable, result.GssEncryptionMode);
        Assert.Equal(("db", "p", "u", "secret"), (result.Host, result.Database, result.Username, result.Password));
    }

    [Theory]
    [InlineData("Host=db;Timeout=20;Command Timeout=60;Cancellation Timeout=-1;Gss Encryption Mode=Require")]
    [InlineData("Host=db;timeout=20;CommandTimeout=60;CancellationTimeout=-1;GssEncryptionMode=Require")]
    public void Deadlines_the_connection_string_sets_are_kept(string given)
    {
        var result = new NpgsqlConnectionStringBuilder(PortalConnectionString.WithDeadlines(given));

        Assert.Equal((20, 60, -1), (result.Timeout, result.CommandTimeout, result.CancellationTimeout));
        Assert.Equal(GssEncryptionMode.Require, result.GssEncryptionMode);
    }

    [Fact]
    public void A_connection_string_npgsql_cannot_read_is_left_to_the_settings_check()
    {
        Assert.Equal("Host=db;Colour=blue", PortalConnectionString.WithDeadlines("Host=db;Colour=blue"));
    }
}
