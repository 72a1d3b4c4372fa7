using HikubePortal.Testing;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>
/// A test that waits for radosgw's lifecycle thread: it runs only on an instance whose lifecycle "day" lasts seconds
/// (started with <c>RGW_LC_DEBUG_INTERVAL=N</c>, which <c>platform.sh env</c> exports as <c>HIKUBE_LC_DAY_SECONDS</c>).
/// </summary>
public sealed class LifecycleFactAttribute : FactAttribute
{
    public LifecycleFactAttribute()
    {
        if (LocalPlatform.LifecycleDaySeconds is null)
        {
            Skip = "HIKUBE_LC_DAY_SECONDS is not set: start the platform with RGW_LC_DEBUG_INTERVAL=10 deploy/local/platform.sh start " +
                "(deploy/local/test.sh does) and export its env, so that a lifecycle day lasts seconds.";
        }
    }
}
