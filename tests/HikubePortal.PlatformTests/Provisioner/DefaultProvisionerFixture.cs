namespace HikubePortal.PlatformTests.Provisioner;

/// <summary>
/// Buckets without a class label are the platform's provisioner's (the process platform.sh started
/// from this checkout). When the platform was started with <c>--no-provisioner</c>, this runs one in
/// the test process instead, so the same tests hold either way.
/// </summary>
public sealed class DefaultProvisionerFixture : IAsyncLifetime
{
    private InProcessProvisioner? _inProcess;

    internal string Where => _inProcess is null ? "the platform's provisioner process" : "an in-process provisioner";

    public async Task InitializeAsync()
    {
        if (!BucketTestContext.PlatformRunsProvisioner)
        {
            _inProcess = await InProcessProvisioner.StartAsync(null);
        }
    }

    public async Task DisposeAsync()
    {
        if (_inProcess is not null)
        {
            await _inProcess.DisposeAsync();
        }
    }
}
