using HikubePortal.Web.Hosting;

if (args is [HealthProbe.Verb, ..])
{
    return await HealthProbe.RunAsync(args);
}

var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command.HostArguments);
builder.AddPortal();
WebApplication app;
try
{
    app = builder.Build();
}
catch (Exception ex) when (StartupCheck.IsConfigurationError(ex))
{
    return await StartupCheck.ReportAsync([ex.Message], Console.Error);
}
if (StartupCheck.Problems(builder.Services, app.Services, command.Verb) is { Count: > 0 } problems)
{
    return await StartupCheck.ReportAsync(problems, Console.Error);
}

if (command.Verb is not null)
{
    return await CommandLine.RunAsync(app, command);
}

app.UsePortal();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to <c>WebApplicationFactory</c>.</summary>
public partial class Program;
