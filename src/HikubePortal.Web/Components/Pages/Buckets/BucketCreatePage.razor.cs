using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes.Cozystack;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>
/// The create form: the name checked as you type (the platform's rules, then whether the tenant already has it), user
/// rows, object locking with its warning and the storage pool. The rules are checked again on submit, here and by the
/// service; what the service or the cluster refuses lands on the field it is about.
/// </summary>
public sealed partial class BucketCreatePage : IDisposable
{
    private readonly CancellationTokenSource _gone = new();
    private string? _focusAfterRender;
    private readonly BucketForm _form = new();
    private readonly Dictionary<int, MudTextField<string>> _userFields = [];
    private MudForm? _mudForm;
    private IReadOnlyDictionary<string, IReadOnlyList<string>> _serverErrors = new Dictionary<string, IReadOnlyList<string>>();
    private BucketNameCheck? _nameCheck;
    private PortalException? _problem;
    private bool _submitted;
    private bool _nameChanged;
    private bool _advanced;
    private bool _busy;

    [Parameter] public string Tenant { get; set; } = "";

    [Inject] private IBucketService Buckets { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    private static string Rules => $"Lowercase letters, digits and hyphens; starts with a letter; at most {BucketNames.MaxBucketNameLength} characters.";

    private string NameHelp => _nameCheck is { Available: true } check ? $"{check.Name} is available."
        : _nameCheck is { Note: { } note } ? $"The name follows the rules; {note}"
        : Rules;

    /// <summary>The name's problem: the live check's answer, else (once submitted) the rules', else the server's.</summary>
    private string? NameError =>
        _nameCheck is { Problem: { } problem } ? problem
        : _nameCheck is { Available: false } taken ? $"{taken.Name} is already used in {TenantNames.Namespace(Tenant)}."
        : Problem("Name", _nameChanged || _submitted);

    /// <summary>What screen readers hear after each check.</summary>
    private string NameAnnouncement => _nameCheck is null ? string.Empty : NameError ?? NameHelp;

    private async Task NameChangedAsync(string? value)
    {
        _form.Name = value ?? string.Empty;
        _nameChanged = true;
        ForgetServer("Name");
        var name = _form.Name.Trim();
        _nameCheck = null;
        if (name.Length > 0)
        {
            try
            {
                var check = await Buckets.CheckNameAsync(Tenant, name, _gone.Token);
                if (string.Equals(check.Name, _form.Name.Trim(), StringComparison.Ordinal))
                {
                    _nameCheck = check; // an answer to an older value would be wrong now
                }
            }
            catch (PortalException ex)
            {
                _problem = ex;
            }
        }
        await ValidateUsersAsync(); // a user's name is checked with the bucket's
    }

    private async Task UserChangedAsync(BucketUserRow row, string? value)
    {
        row.Name = value ?? string.Empty;
        row.Changed = true;
        ForgetServer(BucketForm.UserField(_form.Users.IndexOf(row)));
        ForgetServer("Users");
        await ValidateUsersAsync(); // "listed twice" is about the other rows too
    }

    private void AddUser()
    {
        _form.Users.Add(new BucketUserRow { Name = _form.Users.Count == 0 ? "admin" : string.Empty });
        ForgetServer("Users");
        _focusAfterRender = $"#user-name-{_form.Users.Count - 1}"; // the field exists once rendered
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusAfterRender is { } selector)
        {
            _focusAfterRender = null;
            await FocusAsync(selector);
        }
    }

    private async Task RemoveUserAsync(BucketUserRow row)
    {
        _form.Users.Remove(row);
        _userFields.Remove(row.Key);
        _serverErrors = new Dictionary<string, IReadOnlyList<string>>(); // kept by row number, which just changed
        await ValidateUsersAsync();
    }

    private async Task CreateAsync()
    {
        _submitted = true;
        _problem = null;
        _serverErrors = new Dictionary<string, IReadOnlyList<string>>();
        var request = _form.ToRequest();
        if (NewBucketRules.Validate(request).Count > 0 || _nameCheck is { Available: false })
        {
            await ShowProblemsAsync();
            return;
        }
        _busy = true;
        try
        {
            var created = await Buckets.CreateAsync(Tenant, request, _gone.Token);
            Snackbar.Add($"Bucket {created.Name} created: the platform is setting it up.", Severity.Success);
            Navigation.NavigateTo(BucketLinks.Page(Tenant, created.Name));
        }
        catch (InvalidException ex)
        {
            _serverErrors = ex.Errors;
            _nameCheck = ex.Errors.ContainsKey("Name") ? null : _nameCheck;
            _problem = ex.Errors.Count == 0 || ex.Errors.ContainsKey(string.Empty) ? ex : null;
            await ShowProblemsAsync();
        }
        catch (PortalException ex) when (ex is ForbiddenException or UnavailableException or ConflictException or NotFoundException)
        {
            _problem = ex;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Every field says its problem (the advanced panel opens when one is in it); the first one gets the focus.</summary>
    private async Task ShowProblemsAsync()
    {
        _advanced |= Problem("StoragePool", show: true) is not null;
        StateHasChanged();
        if (_mudForm is not null)
        {
            await _mudForm.ValidateAsync();
        }
        _focusAfterRender = "[aria-invalid=true]";
    }

    /// <summary>The users' fields check themselves again (their problems depend on each other and on the name).</summary>
    private async Task ValidateUsersAsync()
    {
        foreach (var field in _userFields.Values.ToList())
        {
            await field.ValidateAsync();
        }
    }

    /// <summary>A field's validation (MudBlazor's, so the field shows the problem and sets aria-invalid): the problem, if any.</summary>
    private static Func<string, IEnumerable<string>> Rule(Func<string?> problem) =>
        _ => problem() is { } text ? [text] : [];

    /// <summary>A user row's problem, once it was changed or the form submitted (or what the server said of it).</summary>
    private string? RowProblem(BucketUserRow row) =>
        _form.Users.IndexOf(row) is var index and >= 0 ? Problem(BucketForm.UserField(index), row.Changed || _submitted) : null;

    /// <summary>
    /// The first problem of a field (<c>Name</c>, <c>Users</c>, <c>Users[i].Name</c>, <c>StoragePool</c>): what the server
    /// said, else the rules' answer when <paramref name="show"/> (the field was changed or the form submitted).
    /// </summary>
    private string? Problem(string field, bool show)
    {
        if (_serverErrors.TryGetValue(field, out var server) && server.Count > 0)
        {
            return server[0];
        }
        return show && NewBucketRules.Validate(_form.ToRequest()).TryGetValue(field, out var problems) ? problems[0] : null;
    }

    private void ForgetServer(string field)
    {
        if (_serverErrors.ContainsKey(field))
        {
            _serverErrors = _serverErrors.Where(e => e.Key != field).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        }
    }

    private async Task FocusAsync(string selector)
    {
        try
        {
            await JS.InvokeVoidAsync("hikube.focus", _gone.Token, selector);
        }
        catch (JSDisconnectedException)
        {
            // the page went away
        }
    }

    public void Dispose()
    {
        _gone.Cancel();
        _gone.Dispose();
    }
}
