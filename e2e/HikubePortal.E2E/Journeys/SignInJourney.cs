using HikubePortal.E2E.Infrastructure;
using HikubePortal.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HikubePortal.E2E.Journeys;

public sealed class SignInJourney(BrowserFixture browser) : PageTest(browser)
{
    [Fact]
    public async Task Sign_in_page_loads_with_its_form() => await StepAsync("load", async () =>
    {
        var signIn = new SignInPage(Page);
        await signIn.GoToAsync();

        await Expect(Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Sign in"));
        await Expect(signIn.Email).ToBeVisibleAsync();
        await Expect(signIn.Password).ToBeVisibleAsync();
        await Expect(signIn.SignInButton).ToBeEnabledAsync();
        // MudBlazor's styles are served from the portal's own assets: the button carries its computed styles (filled, or
        // outlined when single sign-on comes first; either way not the browser's black text).
        var color = await signIn.SignInButton.EvaluateAsync<string>("b => getComputedStyle(b).color");
        Assert.NotEqual("rgb(0, 0, 0)", color);
        await AssertAccessibleAsync("sign-in");
        await ScreenshotsAsync("sign-in");
    });

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message() => await StepAsync("wrong-password", async () =>
    {
        var signIn = new SignInPage(Page);
        await signIn.GoToAsync();
        await signIn.SignInAsync(Browser.Portal.OperatorEmail, "not-the-password");

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Email or password is incorrect");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login"));
    });

    [Fact]
    public async Task Operator_signs_in_and_reaches_the_portal() => await StepAsync("sign-in", async () =>
    {
        var signIn = new SignInPage(Page);
        await signIn.GoToAsync();
        await signIn.SignInAsync(Browser.Portal.OperatorEmail, Browser.Portal.OperatorPassword);

        await Expect(Page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login"));
        // The app bar's account menu names the signed-in user.
        var account = Page.GetByRole(AriaRole.Button, new() { Name = $"Account menu of {Browser.Portal.OperatorEmail}" });
        await Expect(account).ToBeVisibleAsync();

        // By keyboard alone: the menu is only its button until the focus reaches it, then MudBlazor's menu takes its
        // place (marked data-frame-menu) with the focus on its button; Enter opens it, Escape closes it and gives the
        // focus back to its button.
        await WaitForInteractiveAsync();
        await account.FocusAsync();
        await Expect(Page.Locator("[data-frame-menu]").Filter(new() { Has = account })).ToHaveCountAsync(1);
        await Expect(account).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        var manage = Page.GetByRole(AriaRole.Menuitem, new() { Name = "Account and security" });
        await Expect(manage).ToBeVisibleAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(manage).ToBeHiddenAsync();
        await Expect(account).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(manage).ToBeVisibleAsync();
    });
}
