using System.Text.Json.Serialization;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>One file of the upload panel, as the browser's upload module reports it.</summary>
public sealed record UploadFile(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("prefix")] string Prefix,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sent")] long Sent,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("error")] string? Error)
{
    public bool IsActive => State is "queued" or "uploading";

    public int Percent => Size == 0 ? (State == "done" ? 100 : 0) : (int)Math.Min(100, Sent * 100 / Size);
}

/// <summary>What changed in the browser's uploads since its last report (everything when <see cref="Full"/>).</summary>
public sealed record UploadPatch(
    [property: JsonPropertyName("full")] bool Full,
    [property: JsonPropertyName("mode")] string? Mode,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("speed")] long Speed,
    [property: JsonPropertyName("totalBytes")] long TotalBytes,
    [property: JsonPropertyName("sentBytes")] long SentBytes,
    [property: JsonPropertyName("files")] IReadOnlyList<UploadFile> Files,
    [property: JsonPropertyName("removed")] IReadOnlyList<int> Removed,
    [property: JsonPropertyName("completed")] IReadOnlyList<string> Completed);

/// <summary>The upload panel's state: the browser's uploads, rebuilt from its reports (the browser holds the truth).</summary>
public sealed class UploadsView
{
    private readonly SortedDictionary<int, UploadFile> _files = [];

    public IReadOnlyCollection<UploadFile> Files => _files.Values;

    /// <summary><c>Direct</c> or <c>Streamed</c> once the portal said how this bucket's files go up; null before.</summary>
    public string? Mode { get; private set; }

    public string? Reason { get; private set; }

    public long Speed { get; private set; }

    public long TotalBytes { get; private set; }

    public long SentBytes { get; private set; }

    public int Active => _files.Values.Count(f => f.IsActive);

    public int Done => _files.Values.Count(f => f.State == "done");

    public int Failed => _files.Values.Count(f => f.State == "failed");

    public int Percent => TotalBytes == 0 ? (Active == 0 ? 100 : 0) : (int)Math.Min(100, SentBytes * 100 / TotalBytes);

    /// <summary>Seconds left at the current speed, or null.</summary>
    public long? SecondsLeft => Active > 0 && Speed > 0 ? (TotalBytes - SentBytes) / Speed : null;

    public void Apply(UploadPatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.Full)
        {
            _files.Clear();
        }
        foreach (var file in patch.Files)
        {
            _files[file.Id] = file;
        }
        foreach (var id in patch.Removed)
        {
            _files.Remove(id);
        }
        (Mode, Reason, Speed, TotalBytes, SentBytes) = (patch.Mode ?? Mode, patch.Reason ?? Reason, patch.Speed, patch.TotalBytes, patch.SentBytes);
    }
}
