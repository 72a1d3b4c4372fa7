using System.Reflection;
using Amazon.S3;

namespace HikubePortal.UnitTests.Storage;

/// <summary>
/// An <see cref="IAmazonS3"/> stand-in for unit tests of the adapter's own logic (cache, request
/// shaping): answers calls with a handler and counts them. Integration tests use the real radosgw.
/// </summary>
public class FakeS3 : DispatchProxy
{
    public Func<string, object?[], object?> Handler { get; set; } = (name, _) => throw new NotSupportedException(name);

    public List<(string Method, object?[] Args)> Calls { get; } = [];

    public int Disposed { get; private set; }

    public static (IAmazonS3 Client, FakeS3 Fake) Create(Func<string, object?[], object?>? handler = null)
    {
        var client = Create<IAmazonS3, FakeS3>();
        var fake = (FakeS3)(object)client;
        if (handler is not null)
        {
            fake.Handler = handler;
        }
        return (client, fake);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IDisposable.Dispose))
        {
            Disposed++;
            return null;
        }
        Calls.Add((targetMethod.Name, args ?? []));
        return Handler(targetMethod.Name, args ?? []);
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
