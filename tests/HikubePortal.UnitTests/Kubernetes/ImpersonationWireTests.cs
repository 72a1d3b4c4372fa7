using System.Net;
using System.Net.Sockets;
using System.Text;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Config;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Http;

namespace HikubePortal.UnitTests.KubernetesTests;

public sealed class ImpersonationWireTests
{
    [Fact]
    public async Task Several_groups_go_on_the_wire_as_one_header_line_each()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serverHead = AnswerOnceAsync(listener);
        using var client = new KubernetesClient(new KubernetesConfig { Server = new Uri($"http://127.0.0.1:{port}"), Token = "tok" });

        await client.ListAsync<Bucket>(Bucket.Resource, "tenant-a", new ListOptions { Impersonate = Impersonation.Of("alice", "tenant-a-view", "tenant-a-use", "grp, with comma") });

        var lines = (await serverHead).Split("\r\n");
        Assert.StartsWith("GET /apis/apps.cozystack.io/v1alpha1/namespaces/tenant-a/buckets HTTP/1.1", lines[0], StringComparison.Ordinal);
        Assert.Contains("Impersonate-User: alice", lines);
        Assert.Equal(
            ["Impersonate-Group: tenant-a-view", "Impersonate-Group: tenant-a-use", "Impersonate-Group: grp, with comma"],
            lines.Where(l => l.StartsWith("Impersonate-Group:", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(lines, l => l.Contains(ImpersonationHeaderStream.GroupListHeader, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Rewrite_touches_only_the_request_head()
    {
        var encoded = ImpersonationHeaderStream.Encode(["g1", "g2"]);
        var request = $"POST /x HTTP/1.1\r\nHost: h\r\n{ImpersonationHeaderStream.GroupListHeader}: {encoded}\r\nContent-Length: 10\r\n\r\n" +
            $"{ImpersonationHeaderStream.GroupListHeader}: {encoded}\r\n";

        var rewritten = Encoding.UTF8.GetString(ImpersonationHeaderStream.Rewrite(Encoding.UTF8.GetBytes(request))!);

        var (head, body) = (rewritten[..rewritten.IndexOf("\r\n\r\n", StringComparison.Ordinal)], rewritten[(rewritten.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        Assert.Equal("POST /x HTTP/1.1\r\nHost: h\r\nImpersonate-Group: g1\r\nImpersonate-Group: g2\r\nContent-Length: 10", head);
        Assert.Equal($"{ImpersonationHeaderStream.GroupListHeader}: {encoded}\r\n", body);
        Assert.Null(ImpersonationHeaderStream.Rewrite(Encoding.UTF8.GetBytes("just a body")));
    }

    [Fact]
    public void Group_list_encoding_round_trips_any_text()
    {
        string[] groups = ["tenant-x-view", "ünïcode/group", "a,b", "x=="];

        Assert.Equal(groups, ImpersonationHeaderStream.Decode(ImpersonationHeaderStream.Encode(groups)));
    }

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
