using System.ComponentModel.DataAnnotations;
using HikubePortal.Data;
using HikubePortal.Kubernetes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HikubePortal.Web.Hosting;

/// <summary>The start-up checks of settings that no options class of their own validates.</summary>
internal static class SettingsValidation
{
    public static IServiceCollection AddPortalSettingsValidation(this IServiceCollection services)
    {
        services.AddOptions<ConnectionStringsOptions>().BindConfiguration(ConnectionStringsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KubernetesOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<KubernetesOptions>, KubeconfigValidation>();
        services.AddOptions<IdentityOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityValidation>();
        return services;
    }
}

/// <summary>Section <c>ConnectionStrings</c>: the portal's PostgreSQL database.</summary>
internal sealed class ConnectionStringsOptions : IValidatableObject
{
    public const string Section = "ConnectionStrings";

    public string? Portal { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        const string key = $"{Section}:{DataExtensions.ConnectionStringName}";
        if (string.IsNullOrWhiteSpace(Portal))
        {
            yield return new ValidationResult(
                $"{key} is not set: the Npgsql connection string of the portal's database, e.g. Host=db;Database=hikube_portal;Username=hikube;Password=...",
                [nameof(Portal)]);
            yield break;
        }
        NpgsqlConnectionStringBuilder? parsed = null;
        string? error = null;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(Portal);
        }
        catch (ArgumentException ex)
        {
            // Only the keyword is named, never a value (the string holds the password).
            error = ex.Message.StartsWith("Keyword not supported", StringComparison.Ordinal)
                ? ex.Message.Split(" (", 2)[0]
                : "it has an unknown keyword or a part that is not Key=Value";
        }
        catch (FormatException)
        {
            error = "a value has the wrong type (e.g. Port must be a number)";
        }
        if (error is not null)
        {
            yield return new ValidationResult($"{key} is not a valid Npgsql connection string: {error}.", [nameof(Portal)]);
        }
        else if (string.IsNullOrWhiteSpace(parsed?.Host))
        {
            yield return new ValidationResult($"{key} names no Host (the PostgreSQL server).", [nameof(Portal)]);
        }
    }
}

/// <summary>The kubeconfig (or in-cluster service account) the Kubernetes client would use can be read and used.</summary>
internal sealed class KubeconfigValidation : IValidateOptions<KubernetesOptions>
{
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            _ = ClusterConfiguration.Resolve(options);
            return ValidateOptionsResult.Success;
        }
        catch (KubeconfigException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message == "names a file that does not exist"
                ? $"Kubernetes:Kubeconfig names a file that does not exist ({options.Kubeconfig})."
                : $"{ClusterConfiguration.Source(options)}: {ex.Message}.");
        }
    }
}

/// <summary>Section <c>Identity</c>: a password policy and lockout that protect accounts.</summary>
internal sealed class IdentityValidation : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Password.RequiredLength is < 8 or > 128)
        {
            failures.Add($"Identity:Password:RequiredLength must be between 8 and 128 (is {options.Password.RequiredLength}).");
        }
        if (options.Lockout.MaxFailedAccessAttempts is < 1 or > 100)
        {
            failures.Add($"Identity:Lockout:MaxFailedAccessAttempts must be between 1 and 100 (is {options.Lockout.MaxFailedAccessAttempts}).");
        }
        if (options.Lockout.DefaultLockoutTimeSpan < TimeSpan.FromMinutes(1))
        {
            failures.Add($"Identity:Lockout:DefaultLockoutTimeSpan must be at least 00:01:00 (is {options.Lockout.DefaultLockoutTimeSpan}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
