namespace HikubePortal.Application.Identity;

/// <summary>Who is acting: the signed-in user of the request, or the system for command-line verbs.</summary>
public interface ICurrentUser
{
    /// <summary>The user's id; null when nobody is signed in (and for the system).</summary>
    Guid? Id { get; }

    /// <summary>The user's email (their user name); <c>system</c> for command-line verbs.</summary>
    string? Email { get; }

    /// <summary>Portal operator (or the system).</summary>
    bool IsOperator { get; }

    /// <summary>The client's address, for the audit log.</summary>
    string? RemoteAddress { get; }

    /// <summary>
    /// The account's security stamp when this session was issued (null for the system and sessions without one).
    /// A session whose stamp is no longer the account's (signed out, password or two-factor changed, disabled) acts
    /// as nobody in the next service call, even in a circuit that is still open.
    /// </summary>
    string? SessionStamp => null;
}
