using HikubePortal.Web.Hosting;

if (args is [HealthProbe.Verb, ..])
{
    return await HealthProbe.RunAsync(args);
}

var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command.HostArguments);
builder.AddPortal();
var app = builder.Build();

if (command.Verb is not null)
{
    return await CommandLine.RunAsync(app, command);
}

app.UsePortal();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to <c>WebApplicationFactory</c>.</summary>
public partial class Program;
