namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>An account created for a test.</summary>
public sealed record TestUser(Guid Id, string Email, string Password);
