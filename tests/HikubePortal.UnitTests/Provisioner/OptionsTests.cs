using System.ComponentModel.DataAnnotations;
using HikubePortal.Provisioner.Provisioning;
using HikubePortal.Provisioner.Radosgw;

namespace HikubePortal.UnitTests.Provisioner;

public sealed class OptionsTests
{
    private static List<ValidationResult> Validate(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Radosgw_needs_an_http_endpoint_and_both_keys()
    {
        Assert.Empty(Validate(new RadosgwOptions { Endpoint = "http://127.0.0.1:7480", AdminAccessKey = "a", AdminSecretKey = "s" }));

        var missing = Validate(new RadosgwOptions());
        Assert.Contains(missing, r => r.MemberNames.Contains(nameof(RadosgwOptions.AdminAccessKey)));
        Assert.Contains(missing, r => r.MemberNames.Contains(nameof(RadosgwOptions.AdminSecretKey)));
        Assert.Contains(missing, r => r.MemberNames.Contains(nameof(RadosgwOptions.Endpoint)));

        var ftp = Validate(new RadosgwOptions { Endpoint = "ftp://x", AdminAccessKey = "a", AdminSecretKey = "s" });
        Assert.Contains(ftp, r => r.MemberNames.Contains(nameof(RadosgwOptions.Endpoint)));
    }

    [Fact]
    public void Radosgw_validation_messages_never_show_the_secret()
    {
        var results = Validate(new RadosgwOptions { Endpoint = "nope", AdminAccessKey = "a", AdminSecretKey = "very-secret", Timeout = TimeSpan.Zero });

        Assert.NotEmpty(results);
        Assert.DoesNotContain(results, r => r.ErrorMessage!.Contains("very-secret", StringComparison.Ordinal));
    }

    [Fact]
    public void The_public_endpoint_must_be_a_url_when_set()
    {
        Assert.Empty(Validate(new ProvisionerOptions { PublicEndpoint = "https://s3.example.org" }));
        Assert.NotEmpty(Validate(new ProvisionerOptions { PublicEndpoint = "s3.example.org" }));
    }

    [Fact]
    public void Concurrency_is_bounded() =>
        Assert.NotEmpty(Validate(new ProvisionerOptions { Concurrency = 0 }));
}
