namespace HikubePortal.Application.Objects;

/// <summary>
/// A storage failure in words a user can read. Messages never carry keys, signatures or URLs.
/// </summary>
public sealed class ObjectStorageException : Exception
{
    private static readonly IReadOnlyDictionary<string, string[]> NoCauses = new Dictionary<string, string[]>();

    public ObjectStorageException(ObjectStorageError error, string message, Exception? innerException = null)
        : this(error, message, NoCauses, innerException)
    {
    }

    public ObjectStorageException(
        ObjectStorageError error, string message, IReadOnlyDictionary<string, string[]> causes, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        Causes = causes;
    }

    public ObjectStorageException()
        : this(ObjectStorageError.Unavailable, "The storage failed.")
    {
    }

    public ObjectStorageException(string message)
        : this(ObjectStorageError.Unavailable, message)
    {
    }

    public ObjectStorageException(string message, Exception innerException)
        : this(ObjectStorageError.Unavailable, message, innerException)
    {
    }

    public ObjectStorageError Error { get; }

    /// <summary>For <see cref="ObjectStorageError.Invalid"/>: field name -> what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string[]> Causes { get; }

    /// <summary>An <see cref="ObjectStorageError.Invalid"/> error about one field.</summary>
    public static ObjectStorageException InvalidField(string field, string message) =>
        new(ObjectStorageError.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });
}
