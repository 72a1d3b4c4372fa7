using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Versions;
using LifecycleRule = HikubePortal.Application.Versions.LifecycleRule;
using S3Rule = Amazon.S3.Model.LifecycleRule;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>Lifecycle rules written, read back and removed; the rules of other tools kept as they are.</summary>
public sealed class LifecycleTests(StorageFixture fx) : IClassFixture<StorageFixture>
{
    private static readonly LifecycleRule[] EveryKind =
    [
        new("logs", Prefix: "logs/", ExpireCurrentAfterDays: 30),
        new("temporary", TagKey: "class", TagValue: "temporary", ExpireCurrentAfterDays: 7),
        new("old-versions", Prefix: "docs/", ExpireNoncurrentAfterDays: 90),
        new("markers", RemoveExpiredDeleteMarkers: true),
        new("uploads", Prefix: "incoming/", AbortIncompleteUploadsAfterDays: 3),
        new("paused", Enabled: false, ExpireCurrentAfterDays: 365, ExpireNoncurrentAfterDays: 10, AbortIncompleteUploadsAfterDays: 1),
    ];

    [Fact]
    public async Task Every_kind_of_rule_is_written_read_back_and_removed()
    {
        await fx.Data.DeleteLifecycleAsync(fx.ReadWrite, default);
        Assert.True((await fx.Data.GetLifecycleAsync(fx.ReadWrite, default)).IsEmpty);

        await fx.Data.PutLifecycleAsync(fx.ReadWrite, EveryKind, default);
        var read = await fx.Data.GetLifecycleAsync(fx.ReadWrite, default);
        await fx.Data.DeleteLifecycleAsync(fx.ReadWrite, default);

        Assert.Equal(EveryKind.OrderBy(r => r.Id, StringComparer.Ordinal), read.Rules); // radosgw keeps rules by id
        Assert.Empty(read.Foreign);
        Assert.Same(BucketLifecycle.None, await fx.Data.GetLifecycleAsync(fx.ReadWrite, default));
    }

    [Fact]
    public async Task Radosgw_16_accepts_keeping_the_newest_older_versions_but_drops_it()
    {
        await fx.Data.PutLifecycleAsync(fx.ReadWrite, [new("keep", Prefix: "docs/", ExpireNoncurrentAfterDays: 30, KeepNewestNoncurrent: 3)], default);

        var read = Assert.Single((await fx.Data.GetLifecycleAsync(fx.ReadWrite, default)).Rules);
        await fx.Data.DeleteLifecycleAsync(fx.ReadWrite, default);

        // NewerNoncurrentVersions came to S3 in 2021; radosgw 16.2 (pacific) answers 200 and forgets it.
        Assert.Equal(new LifecycleRule("keep", Prefix: "docs/", ExpireNoncurrentAfterDays: 30), read);
    }

    [Fact]
    public async Task Rules_of_other_tools_are_shown_as_XML_and_kept_intact_across_saves()
    {
        await PutWithAnotherToolAsync(
            new S3Rule
            {
                Id = "archive", Status = LifecycleRuleStatus.Enabled,
                Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecyclePrefixPredicate { Prefix = "archive/" } },
                Transitions = [new LifecycleTransition { Days = 30, StorageClass = S3StorageClass.StandardInfrequentAccess }],
            },
            new S3Rule
            {
                Id = "deadline", Status = LifecycleRuleStatus.Disabled, Filter = new LifecycleFilter(),
                Expiration = new LifecycleRuleExpiration { Date = new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
            });
        var before = await fx.Data.GetLifecycleAsync(fx.ReadWrite, default);

        await fx.Data.PutLifecycleAsync(fx.ReadWrite, [EveryKind[0]], default);
        var withOne = await fx.Data.GetLifecycleAsync(fx.ReadWrite, default);
        await fx.Data.PutLifecycleAsync(fx.ReadWrite, [], default);
        var withNone = await fx.Data.GetLifecycleAsync(fx.ReadWrite, default);

        Assert.Empty(before.Rules);
        Assert.Equal([("archive", true), ("deadline", false)], before.Foreign.Select(f => (f.Id!, f.Enabled)));
        Assert.Equal("""
            <Rule>
              <ID>archive</ID>
              <Filter>
                <Prefix>archive/</Prefix>
              </Filter>
              <Status>Enabled</Status>
              <Transition>
                <Days>30</Days>
                <StorageClass>STANDARD_IA</StorageClass>
              </Transition>
            </Rule>
            """, before.Foreign[0].Xml, ignoreLineEndingDifferences: true);
        Assert.Contains("<Date>2031-01-01T00:00:00Z</Date>", before.Foreign[1].Xml, StringComparison.Ordinal);
        Assert.Equal([EveryKind[0]], withOne.Rules);
        Assert.Equal(before.Foreign, withOne.Foreign);
        Assert.Empty(withNone.Rules);
        Assert.Equal(before.Foreign, withNone.Foreign);

        await fx.Data.DeleteLifecycleAsync(fx.ReadWrite, default);
        Assert.True((await fx.Data.GetLifecycleAsync(fx.ReadWrite, default)).IsEmpty);
    }

    [Fact]
    public async Task Saving_no_rule_over_editor_rules_only_removes_the_configuration()
    {
        await fx.Data.PutLifecycleAsync(fx.ReadWrite, [EveryKind[1]], default);

        await fx.Data.PutLifecycleAsync(fx.ReadWrite, [], default);

        // The SDK answers NoSuchLifecycleConfiguration with an empty configuration (radosgw refuses to store one).
        Assert.Empty((await fx.Admin.GetLifecycleConfigurationAsync(fx.Bucket)).Configuration?.Rules ?? []);
        Assert.Same(BucketLifecycle.None, await fx.Data.GetLifecycleAsync(fx.ReadWrite, default));
    }

    [Fact]
    public async Task A_prefix_and_tag_rule_of_another_tool_is_reported_in_words_and_nothing_is_overwritten()
    {
        await PutWithAnotherToolAsync(new S3Rule
        {
            Id = "both", Status = LifecycleRuleStatus.Enabled,
            Filter = new LifecycleFilter { And = new LifecycleRuleAndOperator { Prefix = "p/", Tags = [new Tag { Key = "k", Value = "v" }] } },
            Expiration = new LifecycleRuleExpiration { Days = 3 },
        });

        var read = await Assert.ThrowsAsync<InvalidException>(() => fx.Data.GetLifecycleAsync(fx.ReadWrite, default));
        var write = await Assert.ThrowsAsync<InvalidException>(() => fx.Data.PutLifecycleAsync(fx.ReadWrite, [EveryKind[0]], default));

        // Had the save gone through, the configuration would now hold the editor's rule only, and read.
        var after = await Assert.ThrowsAsync<InvalidException>(() => fx.Data.GetLifecycleAsync(fx.ReadWrite, default));
        await fx.Data.DeleteLifecycleAsync(fx.ReadWrite, default);

        Assert.All([read, write, after], e => Assert.Contains("cannot be read", e.Message, StringComparison.Ordinal));
        Assert.IsType<Amazon.Runtime.AmazonUnmarshallingException>(read.InnerException);
    }

    /// <summary>A lifecycle configuration written straight with the SDK, as another S3 tool would.</summary>
    private Task<PutLifecycleConfigurationResponse> PutWithAnotherToolAsync(params S3Rule[] rules) => fx.Admin.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest
    {
        BucketName = fx.Bucket, Configuration = new LifecycleConfiguration { Rules = [.. rules] },
    });
}
