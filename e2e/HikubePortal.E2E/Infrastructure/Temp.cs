using System.Security.Cryptography;

namespace HikubePortal.E2E.Infrastructure;

/// <summary>Files for a journey to upload, in a fresh temporary folder each (names kept as given).</summary>
public static class Temp
{
    public static string File(string name, string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("hikube-e2e-").FullName, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A file of <paramref name="size"/> random bytes, written in 1 MiB blocks.</summary>
    public static string Random(string name, long size)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("hikube-e2e-").FullName, name);
        using var stream = System.IO.File.Create(path);
        var block = new byte[1024 * 1024];
        for (long written = 0; written < size; written += block.Length)
        {
            RandomNumberGenerator.Fill(block);
            stream.Write(block, 0, (int)Math.Min(block.Length, size - written));
        }
        return path;
    }
}
