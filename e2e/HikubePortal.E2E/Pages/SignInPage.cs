using Microsoft.Playwright;

namespace HikubePortal.E2E.Pages;

/// <summary>The sign-in page, located by roles and labels as a person finds it.</summary>
public sealed class SignInPage(IPage page)
{
    public ILocator Email => page.GetByLabel("Email");

    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });

    public ILocator SignInButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });

    public async Task GoToAsync() => await page.GotoAsync("account/login");

    public async Task SignInAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
    }
}
