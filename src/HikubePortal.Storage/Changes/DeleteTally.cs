using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Changes;

/// <summary>Counts a delete as it goes; keeps the first <see cref="DeleteResult.MaxReportedFailures"/> failures.</summary>
internal sealed class DeleteTally
{
    private readonly List<DeleteFailure> _failures = [];
    private long _deleted;
    private long _failed;

    public DeleteProgress Progress => new(_deleted, _failed);

    public void Add(int attempted, IReadOnlyList<DeleteError> errors)
    {
        _deleted += attempted - errors.Count;
        PortalMetrics.ObjectsDeleted.Add(attempted - errors.Count);
        _failed += errors.Count;
        foreach (var error in errors.Take(DeleteResult.MaxReportedFailures - _failures.Count))
        {
            _failures.Add(new DeleteFailure(error.Key, error.Code ?? "Error", Describe(error.Code)));
        }
    }

    public DeleteResult ToResult() => new(_deleted, _failed, _failures.ToList());

    private static string Describe(string? code) => code switch
    {
        "AccessDenied" => "The credentials may not delete this object.",
        "NoSuchKey" => "The object was already gone.",
        "ObjectLocked" or "InvalidRequest" => "The object is locked (retention) and cannot be deleted yet.",
        _ => "The storage could not delete this object.",
    };
}
