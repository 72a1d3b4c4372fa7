using System.Diagnostics;
using System.Reflection;
using HikubePortal.Testing;

namespace HikubePortal.UnitTests.Data;

/// <summary>
/// The EF Core tools as a developer runs them (<c>dotnet tool restore</c>, then <c>dotnet ef</c>): the local tool, the
/// Design package and the design-time factory work together without a database, and the model has no change that
/// lacks a migration.
/// </summary>
public sealed class DotnetEfTests
{
    [Fact]
    public async Task Dotnet_ef_finds_no_model_change_without_a_migration()
    {
        // The data project as built with these tests (same configuration): the tool only reads it.
        var configuration = typeof(DotnetEfTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var start = new ProcessStartInfo("dotnet",
            ["ef", "migrations", "has-pending-model-changes", "--project", Path.Combine("src", "HikubePortal.Data"), "--configuration", configuration, "--no-build"])
        {
            WorkingDirectory = RepositoryRoot(),
        };

        var result = await ToolProcess.RunAsync(start, input: null, TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 0, $"dotnet ef exited with {result.ExitCode} (is the tool restored? dotnet tool restore):\n{result.Output}");
        Assert.Contains("No changes have been made to the model since the last migration.", result.Output, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ".config", "dotnet-tools.json")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException(".config/dotnet-tools.json not found above the test binaries");
    }
}
