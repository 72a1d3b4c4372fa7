using System.ComponentModel.DataAnnotations;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>
/// The create form. Users rows are added and removed by submit buttons (<c>Input.Command</c>) so the form works
/// without JavaScript; htmx swaps only the users fieldset. Rules are checked as you type (a fragment) and on submit.
/// </summary>
public sealed partial class BucketCreate
{
    private EditContext _context = default!;
    private ValidationMessageStore _messages = default!;
    private BucketNameCheck? _nameCheck;
    private string? _error;

    [Parameter] public string Tenant { get; set; } = "";

    [SupplyParameterFromForm(FormName = "create-bucket")]
    private CreateBucketInput Input { get; set; } = default!;

    [Inject] private IBucketService Buckets { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override void OnInitialized()
    {
        Input ??= new CreateBucketInput { Users = [new UserRow { Name = "admin" }] };
        _context = new EditContext(Input);
        _messages = new ValidationMessageStore(_context);
    }

    private async Task SubmitAsync()
    {
        _messages.Clear();
        var command = Input.Command ?? string.Empty;
        Input.Command = null;
        if (command == "add-user")
        {
            Input.Users.Add(new UserRow { Name = Input.Users.Count == 0 ? "admin" : string.Empty });
            return;
        }
        if (command.StartsWith("remove-user:", StringComparison.Ordinal)
            && int.TryParse(command.AsSpan("remove-user:".Length), out var index) && index >= 0 && index < Input.Users.Count)
        {
            Input.Users.RemoveAt(index);
            return;
        }

        var request = Input.ToRequest();
        if (!_context.Validate() | !Check(request))
        {
            _context.NotifyValidationStateChanged();
            return;
        }
        try
        {
            var created = await Buckets.CreateAsync(Tenant, request, Aborted);
            Navigation.NavigateTo(BucketLinks.Page(Tenant, created.Name) + "?created=1");
        }
        catch (InvalidException ex)
        {
            Show(ex.Errors);
            if (ex.Errors.Count == 0 || ex.Errors.ContainsKey(string.Empty))
            {
                _error = ex.Message;
            }
        }
        catch (PortalException ex) when (ex is ForbiddenException or UnavailableException or ConflictException)
        {
            _error = ex.Message;
        }
    }

    /// <summary>The platform's rules; the name check fragment shows the same result under the field.</summary>
    private bool Check(NewBucket request)
    {
        var errors = NewBucketRules.Validate(request);
        Show(errors);
        _nameCheck = errors.ContainsKey("Name") ? null : _nameCheck;
        return errors.Count == 0;
    }

    private void Show(IReadOnlyDictionary<string, IReadOnlyList<string>> errors)
    {
        foreach (var (field, messages) in errors)
        {
            _messages.Add(FieldFor(field), messages);
        }
        _context.NotifyValidationStateChanged();
    }

    /// <summary><c>Users[2].Name</c> -> the third row's Name; <c>Name</c> -> the form's Name.</summary>
    private FieldIdentifier FieldFor(string field)
    {
        if (field.StartsWith("Users[", StringComparison.Ordinal) && field.IndexOf(']', StringComparison.Ordinal) is var end and > 6
            && int.TryParse(field.AsSpan(6, end - 6), out var index) && index < Input.Users.Count)
        {
            return new FieldIdentifier(Input.Users[index], field[(end + 2)..]);
        }
        return new FieldIdentifier(Input, field);
    }
}

/// <summary>The create form's fields.</summary>
public sealed class CreateBucketInput
{
    [Required(ErrorMessage = "Enter a name for the bucket.")]
    public string Name { get; set; } = "";

    public List<UserRow> Users { get; set; } = [];

    public bool Locking { get; set; }

    public string? StoragePool { get; set; }

    /// <summary>Which button posted the form: <c>add-user</c>, <c>remove-user:N</c>, or null for "Create bucket".</summary>
    public string? Command { get; set; }

    public NewBucket ToRequest() => new(
        (Name ?? string.Empty).Trim(),
        [.. Users.Select(u => new BucketUserView((u.Name ?? string.Empty).Trim(), u.ReadOnly))],
        Locking,
        string.IsNullOrWhiteSpace(StoragePool) ? null : StoragePool.Trim());
}

/// <summary>One user row of the create form.</summary>
public sealed class UserRow
{
    public string Name { get; set; } = "";

    public bool ReadOnly { get; set; }
}
