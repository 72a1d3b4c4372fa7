using System.Text;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.UnitTests.Storage;

public sealed class ObjectKeyTests
{
    [Fact]
    public void Keys_up_to_1024_utf8_bytes_are_valid_and_longer_ones_are_not()
    {
        var exact = new string('é', 511) + "ab"; // 1022 + 2 bytes
        Assert.Equal(1024, Encoding.UTF8.GetByteCount(exact));

        ObjectKey.EnsureValid(exact);
        var error = Assert.Throws<InvalidException>(() => ObjectKey.EnsureValid(exact + "c"));
        Assert.Equal(["key"], error.Errors.Keys);
        Assert.Throws<InvalidException>(() => ObjectKey.EnsureValid(""));
    }

    [Fact]
    public void An_unpaired_surrogate_is_invalid() =>
        Assert.Throws<InvalidException>(() => ObjectKey.EnsureValid("bad\uD800key"));

    [Theory]
    [InlineData("sp ace.txt")]
    [InlineData("/leading/slash")]
    [InlineData("a//b")]
    [InlineData("plus+per%cent#hash?q=1")]
    [InlineData("dots..in..name")]
    [InlineData("..hidden")]
    [InlineData("folder/")]
    public void Unusual_but_addressable_keys_can_be_created(string key)
    {
        ObjectKey.EnsureCreatable(key);
        Assert.True(ObjectKey.IsLinkSafe(key));
    }

    [Theory]
    [InlineData("a/../b")]
    [InlineData("./a")]
    [InlineData("a/.")]
    [InlineData("..")]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    [InlineData("bidi\u202Eoverride")]
    public void Keys_that_urls_or_the_sdk_would_rewrite_cannot_be_created(string key)
    {
        var error = Assert.Throws<InvalidException>(() => ObjectKey.EnsureCreatable(key, "name"));
        Assert.Equal(["name"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("a/../b", false)]
    [InlineData("a/.../b", true)]
    [InlineData("a/.b", true)]
    public void Only_whole_dot_segments_are_unsafe_in_links(string key, bool safe) =>
        Assert.Equal(safe, ObjectKey.IsLinkSafe(key));

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("a", "a/")]
    [InlineData("a/", "a/")]
    [InlineData("/", "/")]
    [InlineData("a//", "a//")]
    public void Folders_end_with_exactly_one_added_slash(string? prefix, string expected) =>
        Assert.Equal(expected, ObjectKey.NormalizeFolder(prefix));

    [Theory]
    [InlineData("a/b/c.txt", "a/b/", "c.txt")]
    [InlineData("a/b/", "a/", "b")]
    [InlineData("c.txt", "", "c.txt")]
    [InlineData("/x", "/", "x")]
    [InlineData("//", "/", "")]
    public void Names_are_relative_to_their_folder(string key, string folder, string name) =>
        Assert.Equal(name, ObjectKey.NameWithin(key, folder));

    [Theory]
    [InlineData("a/b/c.txt", "a/b/")]
    [InlineData("a/b/", "a/")]
    [InlineData("c.txt", "")]
    [InlineData("/lead", "/")]
    public void Parent_is_the_containing_folder(string key, string parent) =>
        Assert.Equal(parent, ObjectKey.ParentOf(key));
}
