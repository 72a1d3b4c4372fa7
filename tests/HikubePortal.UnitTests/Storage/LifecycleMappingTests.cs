using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Storage.Versions;
using LifecycleRule = HikubePortal.Application.Versions.LifecycleRule;
using S3Rule = Amazon.S3.Model.LifecycleRule;

namespace HikubePortal.UnitTests.Storage;

public sealed class LifecycleMappingTests
{
    public static TheoryData<LifecycleRule> EditorRules =>
    [
        new("logs", Prefix: "logs/", ExpireCurrentAfterDays: 30),
        new("tagged", TagKey: "class", TagValue: "temporary", ExpireCurrentAfterDays: 7),
        new("older", ExpireNoncurrentAfterDays: 90, KeepNewestNoncurrent: 5),
        new("markers", Prefix: "a/", RemoveExpiredDeleteMarkers: true, AbortIncompleteUploadsAfterDays: 2),
        new("off", Enabled: false, ExpireCurrentAfterDays: 1, ExpireNoncurrentAfterDays: 2, AbortIncompleteUploadsAfterDays: 3),
    ];

    [Theory]
    [MemberData(nameof(EditorRules))]
    public void Editor_rules_round_trip_through_the_SDK_form(LifecycleRule rule) =>
        Assert.Equal(rule, LifecycleMapping.FromS3(LifecycleMapping.ToS3(rule)));

    [Fact]
    public void The_legacy_rule_prefix_is_read_as_the_rule_prefix()
    {
#pragma warning disable CS0618
        var legacy = new S3Rule { Id = "old", Status = LifecycleRuleStatus.Enabled, Prefix = "tmp/", Expiration = new LifecycleRuleExpiration { Days = 2 } };
#pragma warning restore CS0618
        Assert.Equal(new LifecycleRule("old", Prefix: "tmp/", ExpireCurrentAfterDays: 2), LifecycleMapping.FromS3(legacy));
    }

    public static TheoryData<string> ForeignRules => ["transition", "date", "and", "size", "no-id", "no-action"];

    [Theory]
    [MemberData(nameof(ForeignRules))]
    public void Rules_the_editor_would_change_are_foreign(string kind)
    {
        var rule = new S3Rule { Id = "r", Status = LifecycleRuleStatus.Enabled, Expiration = new LifecycleRuleExpiration { Days = 3 } };
        switch (kind)
        {
            case "transition":
                rule.Transitions = [new LifecycleTransition { Days = 30, StorageClass = S3StorageClass.Glacier }];
                break;
            case "date":
                rule.Expiration = new LifecycleRuleExpiration { Date = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
                break;
            case "and":
                rule.Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecycleAndOperator
                {
                    Operands = [new LifecyclePrefixPredicate { Prefix = "p/" }, new LifecycleTagPredicate { Tag = new Tag { Key = "k", Value = "v" } }],
                } };
                break;
            case "size":
                rule.Filter = new LifecycleFilter { ObjectSizeGreaterThan = 1024 };
                break;
            case "no-id":
                rule.Id = null;
                break;
            default:
                rule.Expiration = null;
                break;
        }

        Assert.Null(LifecycleMapping.FromS3(rule));
    }

    [Fact]
    public void A_foreign_rule_reads_as_S3_XML()
    {
        var rule = new S3Rule
        {
            Id = "mixed", Status = LifecycleRuleStatus.Disabled,
            Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecycleAndOperator
            {
                Operands = [new LifecyclePrefixPredicate { Prefix = "p/" }, new LifecycleTagPredicate { Tag = new Tag { Key = "k", Value = "v" } }],
            } },
            Expiration = new LifecycleRuleExpiration { Date = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
            NoncurrentVersionTransitions = [new LifecycleRuleNoncurrentVersionTransition { NoncurrentDays = 7, StorageClass = S3StorageClass.Glacier }],
        };

        Assert.Equal("""
            <Rule>
              <ID>mixed</ID>
              <Filter>
                <And>
                  <Prefix>p/</Prefix>
                  <Tag>
                    <Key>k</Key>
                    <Value>v</Value>
                  </Tag>
                </And>
              </Filter>
              <Status>Disabled</Status>
              <Expiration>
                <Date>2030-01-01T00:00:00Z</Date>
              </Expiration>
              <NoncurrentVersionTransition>
                <NoncurrentDays>7</NoncurrentDays>
                <StorageClass>GLACIER</StorageClass>
              </NoncurrentVersionTransition>
            </Rule>
            """, ForeignRuleXml.Render(rule), ignoreLineEndingDifferences: true);
    }
}
