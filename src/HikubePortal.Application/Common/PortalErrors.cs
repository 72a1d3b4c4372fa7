namespace HikubePortal.Application.Common;

/// <summary>
/// The application's small set of expected failures. Adapters translate transport errors into these;
/// pages handle them (404, 403, a form error) and the host maps the unhandled ones to status codes.
/// Messages are shown to users: plain words, never a secret.
/// </summary>
public abstract class PortalException : Exception
{
    protected PortalException() { }

    protected PortalException(string message) : base(message) { }

    protected PortalException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The thing does not exist, or the caller may not know that it exists.</summary>
public sealed class NotFoundException : PortalException
{
    public NotFoundException() : base("Not found.") { }

    public NotFoundException(string message) : base(message) { }

    public NotFoundException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The caller is known to the resource but their role does not allow the action.</summary>
public sealed class ForbiddenException : PortalException
{
    public ForbiddenException() : base("Your role does not allow this.") { }

    public ForbiddenException(string message) : base(message) { }

    public ForbiddenException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The action clashes with the current state (a name already used, the last admin).</summary>
public sealed class ConflictException : PortalException
{
    public ConflictException() : base("This conflicts with the current state.") { }

    public ConflictException(string message) : base(message) { }

    public ConflictException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>A backend (Kubernetes, S3, the database) could not be reached; retrying later may help.</summary>
public sealed class UnavailableException : PortalException
{
    public UnavailableException() : base("A service the portal depends on is unavailable.") { }

    public UnavailableException(string message) : base(message) { }

    public UnavailableException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The caller did this too often in a short while (<see cref="ActionLimits"/>); <see cref="RetryAfter"/> says when to try again.</summary>
public sealed class TooManyRequestsException : PortalException
{
    public TooManyRequestsException() : base("Too many requests in a short while: try again in a minute.") { }

    public TooManyRequestsException(string message) : base(message) { }

    public TooManyRequestsException(string message, Exception innerException) : base(message, innerException) { }

    public TooManyRequestsException(string message, TimeSpan retryAfter) : base(message) => RetryAfter = retryAfter;

    /// <summary>How long until the caller may try again (a minute when not known).</summary>
    public TimeSpan RetryAfter { get; } = TimeSpan.FromMinutes(1);
}

/// <summary>The input is not acceptable; <see cref="Errors"/> names the fields (empty key: the whole form).</summary>
public sealed class InvalidException : PortalException
{
    public InvalidException() : this("The input is not valid.") { }

    public InvalidException(string message) : this(message, new Dictionary<string, IReadOnlyList<string>>()) { }

    public InvalidException(string message, Exception innerException) : base(message, innerException) =>
        Errors = new Dictionary<string, IReadOnlyList<string>>();

    public InvalidException(string message, IReadOnlyDictionary<string, IReadOnlyList<string>> errors) : base(message) =>
        Errors = errors;

    /// <summary>Field name -> messages.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    /// <summary>What the storage adapter says when the storage answers that it does not implement a request.</summary>
    public const string NotOfferedByStorage = "The storage does not offer this feature.";

    /// <summary>One field, one message.</summary>
    public static InvalidException For(string field, string message) =>
        new(message, new Dictionary<string, IReadOnlyList<string>> { [field] = [message] });
}
