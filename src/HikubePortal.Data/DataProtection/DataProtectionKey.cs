namespace HikubePortal.Data.DataProtection;

/// <summary>One ASP.NET Core data-protection key (cookies, antiforgery tokens), shared by every replica.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    /// <summary>The key as the framework serialises it.</summary>
    public required string Xml { get; set; }
}
