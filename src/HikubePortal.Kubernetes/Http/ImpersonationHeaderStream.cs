using System.Buffers;
using System.Text;

namespace HikubePortal.Kubernetes.Http;

/// <summary>
/// The apiserver reads each <c>Impersonate-Group</c> header line as one group, but HttpClient joins the
/// values of a header into one comma-separated line. The client therefore sends several groups as one
/// private header (<see cref="GroupListHeader"/>, base64url of the newline-joined groups), and this
/// filter on the plaintext HTTP/1.1 stream rewrites that line into one <c>Impersonate-Group</c> line per
/// group. Only the request head (before the blank line) of a write that starts a request is touched.
/// If the private header ever reached the server unexpanded, it would be ignored and the call would have
/// fewer rights, never more.
/// </summary>
internal sealed class ImpersonationHeaderStream(Stream inner) : Stream
{
    public const string GroupListHeader = "X-Hikube-Impersonate-Group-List";
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("\r\n" + GroupListHeader + ": ");
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    public static string Encode(IEnumerable<string> groups) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\n', groups)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static IReadOnlyList<string> Decode(string value)
    {
        var base64 = value.Trim().Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        return Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('\n');
    }

    /// <summary>The bytes to write instead of <paramref name="buffer"/>, or null when nothing changes.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> buffer)
    {
        var headEnd = buffer.IndexOf(HeadEnd);
        var head = headEnd < 0 ? buffer : buffer[..headEnd];
        var start = head.IndexOf(Marker);
        if (start < 0)
        {
            return null;
        }
        var valueStart = start + Marker.Length;
        var valueLength = buffer[valueStart..].IndexOf(LineEnd);
        if (valueLength < 0)
        {
            return null;
        }
        IReadOnlyList<string> groups;
        try
        {
            groups = Decode(Encoding.ASCII.GetString(buffer.Slice(valueStart, valueLength)));
        }
        catch (FormatException)
        {
            return null;
        }
        var lines = new StringBuilder();
        foreach (var group in groups)
        {
            lines.Append("\r\nImpersonate-Group: ").Append(group);
        }
        var replacement = Encoding.UTF8.GetBytes(lines.ToString());
        var output = new ArrayBufferWriter<byte>(buffer.Length + replacement.Length);
        output.Write(buffer[..start]);
        output.Write(replacement);
        output.Write(buffer[(valueStart + valueLength)..]);
        return output.WrittenSpan.ToArray();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var rewritten = Rewrite(buffer);
        inner.Write(rewritten is null ? buffer : rewritten);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var rewritten = Rewrite(buffer.Span);
        return inner.WriteAsync(rewritten is null ? buffer : rewritten, cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer) => inner.Read(buffer);
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);
    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
