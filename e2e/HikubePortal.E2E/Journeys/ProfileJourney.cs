using HikubePortal.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HikubePortal.E2E.Journeys;

/// <summary>The account and security pages: static forms (no circuit) that post and validate on the server.</summary>
public sealed class ProfileJourney(BrowserFixture browser) : PageTest(browser)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsOperatorAsync();
    }

    [Fact]
    public async Task Account_pages_lead_to_the_password_and_two_factor_settings() => await StepAsync("profile", async () =>
    {
        await Page.GotoAsync("account/manage");
        await AssertAccessibleAsync("account and security");
        await ScreenshotsAsync("profile");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Two-factor authentication" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor authentication", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync("two-factor");
        await ScreenshotsAsync("two-factor");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Set up an authenticator app" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Img, new() { Name = "QR code of the authenticator key" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Verify and turn on" }).ClickAsync();
        await Expect(Page.GetByText("Enter the code from the app.")).ToBeVisibleAsync();
        await AssertAccessibleAsync("authenticator set-up");
        await ScreenshotsAsync("authenticator-setup");
    });

    [Fact]
    public async Task Changing_the_password_says_what_is_missing() => await StepAsync("password", async () =>
    {
        await Page.GotoAsync("account/manage/password");
        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync("short");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Expect(Page.GetByText("Enter your current password.").First).ToBeVisibleAsync();
        await Expect(Page.GetByText("Use at least 12 characters.").First).ToBeVisibleAsync();
        await AssertAccessibleAsync("change password");
        await ScreenshotsAsync("change-password");
    });
}
