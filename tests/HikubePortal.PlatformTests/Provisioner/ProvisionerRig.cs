using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;

namespace HikubePortal.PlatformTests.Provisioner;

/// <summary>
/// An in-process provisioner of a class of its own (so no other provisioner touches its Buckets), reaching
/// radosgw through a proxy the test can cut, and a test context whose Buckets carry that class. It can be
/// restarted; on dispose the Buckets are deleted while it still runs, then it stops.
/// </summary>
internal sealed class ProvisionerRig : IAsyncDisposable
{
    private readonly LogLines _logs = new();

    private ProvisionerRig(string @class, TcpProxy proxy, BucketTestContext context)
    {
        Class = @class;
        Proxy = proxy;
        Context = context;
    }

    public string Class { get; }

    public TcpProxy Proxy { get; }

    public BucketTestContext Context { get; }

    public InProcessProvisioner? Provisioner { get; private set; }

    /// <summary>Every log line of every run of the provisioner.</summary>
    public IReadOnlyCollection<string> Logs => _logs.Lines;

    public static async Task<ProvisionerRig> StartAsync()
    {
        var proxy = new TcpProxy(new Uri(LocalPlatform.Current.S3Endpoint));
        var @class = LocalPlatform.UniqueName("c");
        var rig = new ProvisionerRig(@class, proxy, await BucketTestContext.CreateAsync(@class));
        await rig.StartProvisionerAsync();
        return rig;
    }

    public async Task StartProvisionerAsync() =>
        Provisioner ??= await InProcessProvisioner.StartAsync(Class, Proxy.Endpoint, _logs);

    public async Task StopProvisionerAsync()
    {
        if (Provisioner is not null)
        {
            await Provisioner.DisposeAsync();
            Provisioner = null;
        }
    }

    /// <summary>The secret keys in the Secrets of this rig's namespace (to check they never reached a log line).</summary>
    public async Task<IReadOnlyList<string>> SecretKeysAsync()
    {
        var secrets = await Context.Kube.ListSecretsAsync(Context.Namespace);
        return [.. secrets.Items.Select(s => s.GetString("secretKey")).OfType<string>()];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Proxy.Restore();
            await StartProvisionerAsync();
            await Context.DisposeAsync();
        }
        finally
        {
            await StopProvisionerAsync();
            await Proxy.DisposeAsync();
        }
    }

    public Task<Bucket> WaitReadyAsync(string name) => Context.WaitReadyAsync(name);
}
