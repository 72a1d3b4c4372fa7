using HikubePortal.Application.Common;

namespace HikubePortal.Storage.Versions;

/// <summary>A version id as S3 hands it out (<c>null</c>, the string, for an object written without versioning).</summary>
internal static class VersionIds
{
    public const int MaxLength = 1024;

    public static void EnsureValid(string versionId)
    {
        if (string.IsNullOrEmpty(versionId) || versionId.Length > MaxLength || versionId.Any(char.IsControl))
        {
            throw InvalidException.For("versionId", "This version id is not one the storage hands out.");
        }
    }
}
