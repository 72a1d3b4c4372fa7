using Microsoft.Net.Http.Headers;

namespace HikubePortal.Storage.Links;

/// <summary>
/// <c>Content-Disposition: attachment</c> with an ASCII <c>filename</c> fallback and the exact name as
/// RFC 5987 <c>filename*</c> (UTF-8, percent-encoded), so browsers save the file under its real name.
/// </summary>
internal static class ContentDisposition
{
    public static string Attachment(string fileName)
    {
        var clean = new string(fileName.Select(c => char.IsControl(c) ? '_' : c).ToArray());
        var value = new ContentDispositionHeaderValue("attachment");
        value.SetHttpFileName(clean.Length == 0 ? "download" : clean);
        return value.ToString();
    }
}
