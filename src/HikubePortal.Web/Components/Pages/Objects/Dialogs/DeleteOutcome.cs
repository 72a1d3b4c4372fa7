using HikubePortal.Application.Buckets;

namespace HikubePortal.Web.Components.Pages.Objects.Dialogs;

/// <summary>What the delete dialog did: objects deleted at once, and the job deleting the folders (if any).</summary>
public sealed record DeleteOutcome(long Deleted, BucketJobView? Job);
