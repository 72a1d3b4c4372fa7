namespace HikubePortal.Application.Objects;

/// <summary>
/// The key of an uploaded file: the folder being browsed plus the file's path relative to what the user picked
/// or dropped (a folder upload keeps its tree: <c>photos/2024/a.jpg</c> dropped into <c>trips/</c> becomes
/// <c>trips/photos/2024/a.jpg</c>).
/// </summary>
public static class UploadKey
{
    /// <summary>
    /// <paramref name="prefix"/> (a folder, kept exactly, <c>/</c> added when missing) + <paramref name="path"/>
    /// without leading slashes. Invalid when the result is not a key the portal may create.
    /// </summary>
    public static string For(string? prefix, string? path)
    {
        var relative = (path ?? string.Empty).TrimStart('/');
        if (relative.Length == 0 || relative.EndsWith('/'))
        {
            throw Common.InvalidException.For("path", "A file name is required.");
        }
        var key = ObjectKey.NormalizeFolder(prefix) + relative;
        ObjectKey.EnsureCreatable(key, "path");
        return key;
    }
}
