using HikubePortal.Application.Buckets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HikubePortal.Data.Buckets;

/// <summary>Registers where bucket jobs are kept.</summary>
public static class BucketDataRegistration
{
    public static IHostApplicationBuilder AddBucketJobStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IBucketJobStore, DbBucketJobStore>();
        return builder;
    }
}
