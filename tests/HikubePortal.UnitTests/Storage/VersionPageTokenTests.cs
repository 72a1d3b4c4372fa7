using HikubePortal.Application.Common;
using HikubePortal.Storage.Listing;

namespace HikubePortal.UnitTests.Storage;

public sealed class VersionPageTokenTests
{
    [Theory]
    [InlineData("docs/", "docs/a.txt", "3sL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nrjfkd")]
    [InlineData("", "ünï cödé/\n x", "null")]
    [InlineData("docs/", "docs/sub/", null)] // the page ended on a folder: no version marker
    public void Markers_round_trip_for_their_prefix_and_are_query_string_safe(string prefix, string keyMarker, string? versionIdMarker)
    {
        var token = PageToken.EncodeMarkers(prefix, keyMarker, versionIdMarker);

        Assert.Equal((keyMarker, versionIdMarker), PageToken.DecodeMarkers(token, prefix));
        Assert.Equal(Uri.EscapeDataString(token), token);
    }

    [Fact]
    public void A_version_token_and_an_object_token_are_not_taken_for_each_other()
    {
        var versions = PageToken.EncodeMarkers("p/", "p/a", "v1");
        var objects = PageToken.Encode("p/", "p/a");

        Assert.Equal(["pageToken"], Assert.Throws<InvalidException>(() => PageToken.Decode(versions, "p/")).Errors.Keys);
        Assert.Equal(["pageToken"], Assert.Throws<InvalidException>(() => PageToken.DecodeMarkers(objects, "p/")).Errors.Keys);
    }

    [Theory]
    [InlineData("other/")]
    [InlineData("")]
    public void A_version_token_of_another_prefix_is_invalid(string prefix)
    {
        var token = PageToken.EncodeMarkers("p/", "p/a", "v1");
        Assert.Equal(["pageToken"], Assert.Throws<InvalidException>(() => PageToken.DecodeMarkers(token, prefix)).Errors.Keys);
    }
}
