using System.Net;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>Failures in plain words, never a stack trace, and the rest of the page keeps working.</summary>
public sealed class BucketErrorTests(BucketPortal portal) : IClassFixture<BucketPortal>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_unreachable_cluster_is_said_in_words_and_the_page_still_works()
    {
        var kubeconfig = await Cluster.PortalKubeconfigOnPortAsync(ClosedPort());
        try
        {
            await using var broken = PortalFactory.On(portal.Database);
            broken.Settings["Kubernetes:Kubeconfig"] = kubeconfig;
            using var admin = broken.CreateAnonymousClient();
            (await admin.SignInAsync(portal.AdminEmail, PortalFactory.Password)).Dispose();

            var (list, listPage) = await admin.GetPageAsync($"/t/{portal.Tenant}/buckets");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
            Assert.Contains("cannot be reached", listPage.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
            Assert.NotNull(listPage.QuerySelector("#portal-nav"));
            Assert.DoesNotContain("Exception", listPage.DocumentElement.OuterHtml, StringComparison.Ordinal);

            // The bucket page (interactive, prerendered): the problem in words, the frame around it.
            var (page, bucketPage) = await admin.GetPageAsync($"/t/{portal.Tenant}/buckets/anything?tab=access");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("cannot be reached", bucketPage.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
            Assert.NotNull(bucketPage.QuerySelector("#portal-nav"));
            Assert.DoesNotContain("Exception", bucketPage.DocumentElement.OuterHtml, StringComparison.Ordinal);

            // The create page still opens (its call is refused in words when submitted, below).
            var (createResponse, _) = await admin.GetPageAsync($"/t/{portal.Tenant}/buckets/new");
            Assert.Equal(HttpStatusCode.OK, createResponse.StatusCode);

            // What the bucket page's handlers call, in the admin's circuit: the same words, as an Unavailable error.
            var problems = await broken.AsUserAsync(portal.Member(portal.AdminEmail), async services =>
            {
                var buckets = services.GetRequiredService<IBucketService>();
                return new PortalException[]
                {
                    await Assert.ThrowsAsync<UnavailableException>(() => buckets.GetAsync(portal.Tenant, "anything", None)),
                    await Assert.ThrowsAsync<UnavailableException>(() => buckets.CreateAsync(portal.Tenant, new NewBucket(LocalPlatform.UniqueName("nope"), [new BucketUserView("admin", false)]), None)),
                    await Assert.ThrowsAsync<UnavailableException>(() => buckets.DeleteAsync(portal.Tenant, "anything", None)),
                    await Assert.ThrowsAsync<UnavailableException>(() => services.GetRequiredService<IBucketUserService>().RotateAsync(portal.Tenant, "anything", "admin", None)),
                    await Assert.ThrowsAsync<UnavailableException>(() => services.GetRequiredService<ICredentialService>().RevealAsync(portal.Tenant, "anything", "admin", None)),
                };
            });
            Assert.All(problems, p => Assert.Contains("cannot be reached", p.Message, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task A_refusal_by_the_cluster_rbac_is_said_in_words()
    {
        var tenant = LocalPlatform.UniqueName("rbac");
        var email = $"{LocalPlatform.UniqueName("rbac")}@example.com";
        await portal.AsSystemAsync(async services =>
        {
            await services.GetRequiredService<ITenantService>().EnsureAsync(tenant, CancellationToken.None);
            await services.GetRequiredService<IUserAdminService>().EnsureUserAsync(email, PortalFactory.Password, false, CancellationToken.None);
            await services.GetRequiredService<IMembershipService>().AddExistingAsync(tenant, email, TenantRole.View, CancellationToken.None);
            return 0;
        });
        var ns = TenantNames.Namespace(tenant);
        try
        {
            // The portal says "view", the cluster no longer does.
            await Cluster.Admin.DeleteRoleBindingAsync(ns, TenantNames.RoleBinding(TenantRole.View));
            using var viewer = await portal.SignedInAsync(email);

            var (response, page) = await viewer.GetPageAsync($"/t/{tenant}/buckets");
            var (bucketResponse, bucketPage) = await viewer.GetPageAsync($"/t/{tenant}/buckets/anything");

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("The cluster refused access", page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector("#portal-nav"));
            Assert.Equal(HttpStatusCode.OK, bucketResponse.StatusCode);
            Assert.Contains("The cluster refused access", bucketPage.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
            Assert.NotNull(bucketPage.QuerySelector("#portal-nav"));
        }
        finally
        {
            await Cluster.DeleteNamespacesAsync(ns);
        }
    }

    [Fact]
    public async Task Missing_and_malformed_credentials_are_said_in_words()
    {
        var name = LocalPlatform.UniqueName("mal");
        // No provisioner handles this class: the platform never issues credentials; one Secret is written by hand, broken.
        var bucket = Bucket.Create(portal.Namespace, name, new BucketSpec
        {
            Users = new Dictionary<string, BucketUser> { ["admin"] = BucketUser.ReadWriteAccess, ["broken"] = BucketUser.ReadOnlyAccess },
        });
        bucket.Metadata.Labels = new Dictionary<string, string> { ["hikube.cloud/provisioner"] = "nobody" };
        await Cluster.Admin.Buckets.CreateAsync(bucket, null, default);
        await Cluster.Admin.CreateSecretAsync(SecretValues.FromStrings(portal.Namespace, BucketNames.CredentialsSecretName(name, "broken"),
            new Dictionary<string, string> { ["accessKey"] = "AKIDONLY", ["endpoint"] = "s3.example.org" }));
        using var developer = await portal.SignedInAsync(portal.UseEmail);

        var (response, page) = await developer.GetPageAsync($"/t/{portal.Tenant}/buckets/{name}?tab=access");

        // The prerendered Access tab says it for each user, and offers no Reveal where there is nothing to reveal.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Provisioning", page.QuerySelector("[data-bucket-phase]")?.GetAttribute("data-bucket-phase"));
        Assert.Contains("not issued yet", page.QuerySelector("[data-user=admin] [data-credentials=not-issued]")?.TextContent, StringComparison.Ordinal);
        var malformed = page.QuerySelector("[data-user=broken] [data-credentials=malformed]")?.TextContent;
        Assert.Contains("cannot be read", malformed, StringComparison.Ordinal);
        Assert.Contains("no secret key", malformed, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("button[aria-label^='Reveal the secret key']"));

        // A reveal or a download anyway (a page open since before, a forged event): a conflict in the same words.
        var refusals = await portal.AsMemberAsync(portal.UseEmail, async services =>
        {
            var credentials = services.GetRequiredService<ICredentialService>();
            return new[]
            {
                await Assert.ThrowsAsync<ConflictException>(() => credentials.RevealAsync(portal.Tenant, name, "admin", None)),
                await Assert.ThrowsAsync<ConflictException>(() => credentials.DownloadAsync(portal.Tenant, name, "admin", CredentialFileFormat.DotEnv, None)),
                await Assert.ThrowsAsync<ConflictException>(() => credentials.RevealAsync(portal.Tenant, name, "broken", None)),
            };
        });
        Assert.Contains("not issued yet", refusals[0].Message, StringComparison.Ordinal);
        Assert.Contains("not issued yet", refusals[1].Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", refusals[2].Message, StringComparison.Ordinal);
        await Cluster.Admin.Buckets.DeleteAsync(portal.Namespace, name, null, default);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
