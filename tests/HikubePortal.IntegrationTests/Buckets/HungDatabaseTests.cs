using System.Net;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>
/// A PostgreSQL that accepts connections and never answers (paused): a page says so in words within seconds instead of
/// a 500 or a wait, and works again by itself once the database answers.
/// </summary>
[Collection(HungDependencyGroup.Name)]
public sealed class HungDatabaseTests(BucketPortal portal, ITestOutputHelper output) : IClassFixture<BucketPortal>
{
    [Fact]
    public async Task A_hung_database_is_said_in_words_within_seconds_and_the_page_comes_back_by_itself()
    {
        var database = new NpgsqlConnectionStringBuilder(portal.Database.ConnectionString);
        await using var proxy = new TcpProxy(new Uri($"tcp://{database.Host}:{database.Port}"));
        database.Port = proxy.Port;
        await using var behind = PortalFactory.On(portal.Database);
        behind.Settings["ConnectionStrings:Portal"] = database.ConnectionString;
        using var admin = await behind.PatientClientAsync(portal.AdminEmail);
        var list = $"/t/{portal.Tenant}/buckets";
        var (open, _) = await admin.GetPageAsync(list);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);

        proxy.Hang();
        // The error page, in words: without the database there is no membership to check, so no page to show.
        HungPages.SaidInTime(await admin.GetTimedAsync(list, output, "bucket list, PostgreSQL hung"),
            "The portal's database (PostgreSQL) is not answering", framed: false);

        // Answering again: the same page works without a restart (connections broken by the hang are not reused).
        proxy.Restore();
        await admin.GetUntilBackAsync(list, _ => true, output, "bucket list, PostgreSQL answering again", seconds: 30);
    }
}
