using Npgsql;

namespace HikubePortal.Web.Hosting;

/// <summary>
/// PostgreSQL failures that escape a page or endpoint (every page reads memberships and sessions from it): the database
/// not answering in time, or not reachable, is a 503 said in words like the storage's and the cluster's, not a 500.
/// A refusal by PostgreSQL itself (<see cref="PostgresException"/>: a constraint, a missing table) stays a 500.
/// </summary>
internal static class DatabaseFaults
{
    public const string NotAnswering = "The portal's database (PostgreSQL) is not answering; try again in a moment.";

    public const string Unreachable = "The portal's database (PostgreSQL) cannot be reached right now; try again in a moment.";

    /// <summary>The words for <paramref name="exception"/> when it is PostgreSQL not answering or not reachable, else null.</summary>
    public static string? Words(Exception? exception) =>
        ExceptionChain.Find<NpgsqlException>(exception) is { } npgsql and not PostgresException
            ? ExceptionChain.Find<TimeoutException>(npgsql) is not null ? NotAnswering : Unreachable
            : null;
}
