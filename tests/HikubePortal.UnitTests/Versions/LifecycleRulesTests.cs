using HikubePortal.Application.Common;
using HikubePortal.Application.Versions;

namespace HikubePortal.UnitTests.Versions;

public sealed class LifecycleRulesTests
{
    public static TheoryData<LifecycleRule, string, string> Refused => new()
    {
        { new LifecycleRule(" ", ExpireCurrentAfterDays: 1), "id", "needs a name" },
        { new LifecycleRule(new string('r', 256), ExpireCurrentAfterDays: 1), "id", "at most 255" },
        { new LifecycleRule("r", ExpireCurrentAfterDays: 0), "expire", "from 1 to" },
        { new LifecycleRule("r", ExpireNoncurrentAfterDays: 36_501), "noncurrent", "from 1 to" },
        { new LifecycleRule("r", AbortIncompleteUploadsAfterDays: -3), "abort", "from 1 to" },
        { new LifecycleRule("r"), "actions", "does nothing" },
        { new LifecycleRule("r", KeepNewestNoncurrent: 2, ExpireCurrentAfterDays: 3), "keep", "set their days too" },
        { new LifecycleRule("r", ExpireNoncurrentAfterDays: 3, KeepNewestNoncurrent: 0), "keep", "from 1 to 100" },
        { new LifecycleRule("r", Prefix: "/logs/", ExpireCurrentAfterDays: 1), "prefix", "not with '/'" },
        { new LifecycleRule("r", Prefix: "logs\0", ExpireCurrentAfterDays: 1), "prefix", "control characters" },
        { new LifecycleRule("r", Prefix: "logs/", TagKey: "env", TagValue: "dev", ExpireCurrentAfterDays: 1), "filter", "not both" },
        { new LifecycleRule("r", TagKey: "aws:x", TagValue: "1", ExpireCurrentAfterDays: 1), "tags", "reserved" },
        { new LifecycleRule("r", ExpireCurrentAfterDays: 1, RemoveExpiredDeleteMarkers: true), "actions", "make two rules" },
        { new LifecycleRule("r", TagKey: "env", TagValue: "dev", AbortIncompleteUploadsAfterDays: 1), "filter", "cannot be limited to a tag" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_rule_S3_would_refuse_or_that_does_nothing_is_refused_in_words(LifecycleRule rule, string field, string words)
    {
        var refused = Assert.Throws<InvalidException>(() => LifecycleRules.Validate([rule], []));

        Assert.True(refused.Errors.ContainsKey(field), $"field {field} expected, got {string.Join(", ", refused.Errors.Keys)}: {refused.Message}");
        Assert.Contains(words, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_unique_across_the_rules_and_those_of_other_tools()
    {
        var kept = new ForeignLifecycleRule("archive", true, "<Rule />");

        Assert.Contains("Two rules are named a", Assert.Throws<InvalidException>(() => LifecycleRules.Validate(
            [new LifecycleRule("a", ExpireCurrentAfterDays: 1), new LifecycleRule(" a ", AbortIncompleteUploadsAfterDays: 1)], [])).Message, StringComparison.Ordinal);
        Assert.Contains("Two rules are named archive", Assert.Throws<InvalidException>(() => LifecycleRules.Validate(
            [new LifecycleRule("archive", ExpireCurrentAfterDays: 1)], [kept])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepted_rules_come_back_trimmed_with_empty_filters_as_none()
    {
        var clean = LifecycleRules.Validate(
        [
            new LifecycleRule(" logs ", Prefix: "", TagKey: " ", ExpireCurrentAfterDays: 30),
            new LifecycleRule("tagged", TagKey: " env ", TagValue: " dev ", ExpireNoncurrentAfterDays: 7, KeepNewestNoncurrent: 3),
            new LifecycleRule("markers", Prefix: "tmp/", RemoveExpiredDeleteMarkers: true, AbortIncompleteUploadsAfterDays: 2),
        ], []);

        Assert.Equal(
        [
            new LifecycleRule("logs", ExpireCurrentAfterDays: 30),
            new LifecycleRule("tagged", TagKey: "env", TagValue: "dev", ExpireNoncurrentAfterDays: 7, KeepNewestNoncurrent: 3),
            new LifecycleRule("markers", Prefix: "tmp/", RemoveExpiredDeleteMarkers: true, AbortIncompleteUploadsAfterDays: 2),
        ], clean);
    }

    [Fact]
    public void A_rule_reads_as_one_sentence()
    {
        Assert.Equal("Deletes objects under logs/ 30 days after they are written.",
            LifecycleRules.Describe(new LifecycleRule("l", Prefix: "logs/", ExpireCurrentAfterDays: 30)));
        Assert.Equal("Deletes older versions of objects tagged env=dev 1 day after they are replaced, keeping the newest 3 (turned off).",
            LifecycleRules.Describe(new LifecycleRule("t", false, TagKey: "env", TagValue: "dev", ExpireNoncurrentAfterDays: 1, KeepNewestNoncurrent: 3)));
        Assert.Equal("Removes delete markers of every object left with no older version; aborts unfinished uploads of every object 2 days after they started.",
            LifecycleRules.Describe(new LifecycleRule("m", RemoveExpiredDeleteMarkers: true, AbortIncompleteUploadsAfterDays: 2)));
    }
}
