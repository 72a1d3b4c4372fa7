using HikubePortal.Application.Audit;

namespace HikubePortal.Web.Components.Pages.Audit;

/// <summary>
/// What an audit log page shows, as its address carries it: the filters, the page and (operators) the tenant. Parsed
/// leniently: a value that cannot be used is left out with a notice in words.
/// </summary>
public sealed record AuditView(AuditQuery Query, string? Tenant, IReadOnlyList<string> Notices)
{
    public static AuditView Parse(string? tenant, string? user, string? action, string? from, string? to, string? page)
    {
        var notices = new List<string>();
        var query = new AuditQuery(
            QueryValues.Text(user, "user", notices),
            QueryValues.Text(action, "action", notices),
            QueryValues.Date(from, "from", notices),
            QueryValues.Date(to, "to", notices),
            QueryValues.Page(page, notices));
        return new AuditView(query, QueryValues.Text(tenant, "tenant", notices), notices);
    }

    /// <summary>The address of this view on <paramref name="path"/>, at <paramref name="page"/> (default: its own).</summary>
    public string Url(string path, int? page = null) => QueryValues.Url(
        path,
        ("tenant", Tenant),
        ("user", Query.User),
        ("action", Query.Action),
        ("from", QueryValues.Format(Query.From)),
        ("to", QueryValues.Format(Query.To)),
        ("page", QueryValues.Format(page ?? Query.Page)));

    /// <summary>The actions to filter on: every action of a kind ("bucket"), then each action, by kind.</summary>
    public static IReadOnlyList<(string Value, string Text)> ActionChoices { get; } =
    [
        .. AuditActions.All
            .GroupBy(a => a[..a.IndexOf('.', StringComparison.Ordinal)])
            .SelectMany(kind => new[] { (kind.Key, $"Every {kind.Key} action") }.Concat(kind.Select(a => (a, a)))),
    ];
}
