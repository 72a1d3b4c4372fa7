using System.Net;
using System.Net.Sockets;
using System.Text;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s;

namespace HikubePortal.UnitTests.KubernetesTests;

/// <summary>
/// What reaches the socket. .NET folds several values of one header into a single comma-separated line
/// (dotnet/runtime#63808), which kube-apiserver would read as one group: the portal sends exactly one group per call.
/// </summary>
public sealed class ImpersonationWireTests
{
    [Fact]
    public async Task One_user_and_one_group_line_go_on_the_wire()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serverHead = AnswerOnceAsync(listener);
        using var kube = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{port}", AccessToken = "tok" });

        await new BucketApi(kube).ListAsync("tenant-a", new Impersonation("alice", "tenant-a-view"), default);

        var lines = (await serverHead).Split("\r\n");
        Assert.StartsWith("GET /apis/apps.cozystack.io/v1alpha1/namespaces/tenant-a/buckets?limit=500 HTTP/1.1", lines[0], StringComparison.Ordinal);
        Assert.Equal(["Impersonate-User: alice"], lines.Where(l => l.StartsWith("Impersonate-User:", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(["Impersonate-Group: tenant-a-view"], lines.Where(l => l.StartsWith("Impersonate-Group:", StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData("alice", "a, b")]
    [InlineData("alice", "")]
    [InlineData("ali\nce", "g")]
    [InlineData(" ", "g")]
    public void Identities_the_wire_would_garble_are_refused_before_sending(string user, string group) =>
        Assert.Throws<ArgumentException>(() => new Impersonation(user, group));

    private static async Task<string> AnswerOnceAsync(TcpListener listener)
    {
        using var socket = await listener.AcceptTcpClientAsync();
        var stream = socket.GetStream();
        var buffer = new byte[65536];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer);
            if (n == 0)
            {
                break;
            }
            received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        const string body = """{"metadata":{},"items":[]}""";
        var answer = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
        return received.ToString();
    }
}
