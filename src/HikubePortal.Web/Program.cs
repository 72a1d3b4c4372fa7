var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => "ok");
await app.RunAsync();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c>.</summary>
public partial class Program;
