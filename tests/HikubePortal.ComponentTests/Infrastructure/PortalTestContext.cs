using System.Security.Claims;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace HikubePortal.ComponentTests.Infrastructure;

/// <summary>
/// The base of component tests on bUnit: MudBlazor's services (transitions off, so snackbars and popovers show at
/// once), JavaScript interop in loose mode (the portal's few calls answer their default), a fixed clock, and a signed-in
/// user. Tests add fakes of the application services they need, render dialogs inside a <c>MudDialogProvider</c>,
/// and assert behaviour (what a person sees and can do), not markup snapshots.
/// </summary>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    protected PortalTestContext()
    {
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
        JSInterop.Mode = JSRuntimeMode.Loose;
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("ana@example.com");
        Authorization.SetClaims(new Claim(ClaimTypes.Email, "ana@example.com"));
    }

    /// <summary>"Now" for every component under test.</summary>
    public static DateTimeOffset Now { get; } = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The signed-in user (change roles or sign out in a test).</summary>
    protected BunitAuthorizationContext Authorization { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
