namespace HikubePortal.Application.Audit;

/// <summary>The action names written to the audit log.</summary>
public static class AuditActions
{
    public const string SignIn = "account.sign-in";
    public const string SignInLockedOut = "account.locked-out";
    public const string SignOut = "account.sign-out";
    public const string PasswordChanged = "account.password-changed";
    public const string TwoFactorEnabled = "account.2fa-enabled";
    public const string TwoFactorDisabled = "account.2fa-disabled";
    public const string RecoveryCodesGenerated = "account.recovery-codes";
    public const string UserCreated = "user.created";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string OperatorGranted = "user.operator-granted";
    public const string OperatorRevoked = "user.operator-revoked";
    public const string TenantCreated = "tenant.created";
    public const string MemberAdded = "member.added";
    public const string MemberRoleChanged = "member.role-changed";
    public const string MemberRemoved = "member.removed";
    public const string MemberInvited = "member.invited";
    public const string InvitationAccepted = "member.invitation-accepted";
    public const string InvitationRevoked = "member.invitation-revoked";
    public const string BucketCreated = "bucket.created";
    public const string BucketDeleted = "bucket.deleted";
    public const string BucketUserAdded = "bucket.user-added";
    public const string BucketUserRemoved = "bucket.user-removed";
    public const string BucketUserRotated = "bucket.user-rotated";
    public const string CredentialRevealed = "credential.revealed";
    public const string ObjectDeleted = "object.deleted";
    public const string ObjectUploadAborted = "object.upload-aborted";
    public const string ObjectMoved = "object.moved";
    public const string ObjectShared = "object.shared";
    public const string BucketUserChanged = "bucket.user-changed";
    public const string BucketCorsChanged = "bucket.cors-changed";
    public const string ObjectTagged = "object.tagged";
    public const string BucketVersioningChanged = "bucket.versioning-changed";
    public const string BucketLifecycleChanged = "bucket.lifecycle-changed";
    public const string ObjectVersionRestored = "object.version-restored";
    public const string ObjectVersionDeleted = "object.version-deleted";
    public const string ObjectUndeleted = "object.undeleted";

    /// <summary>Every action, for filters.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SignIn, SignInLockedOut, SignOut, PasswordChanged, TwoFactorEnabled, TwoFactorDisabled,
        RecoveryCodesGenerated, UserCreated, UserDisabled, UserEnabled, OperatorGranted, OperatorRevoked, TenantCreated, MemberAdded,
        MemberRoleChanged, MemberRemoved, MemberInvited, InvitationAccepted, InvitationRevoked,
        BucketCreated, BucketDeleted, BucketUserAdded, BucketUserRemoved, BucketUserRotated,
        CredentialRevealed, ObjectDeleted, ObjectUploadAborted, ObjectMoved, ObjectShared, BucketUserChanged,
        BucketCorsChanged, ObjectTagged, BucketVersioningChanged, BucketLifecycleChanged, ObjectVersionRestored, ObjectVersionDeleted,
        ObjectUndeleted,
    ];
}
