using HikubePortal.Application.Objects;
using HikubePortal.Application.Versions;
using HikubePortal.Storage.Archive;
using HikubePortal.Storage.Changes;
using HikubePortal.Storage.Clients;
using HikubePortal.Storage.Links;
using HikubePortal.Storage.Listing;
using HikubePortal.Storage.Reading;
using HikubePortal.Storage.Uploads;
using HikubePortal.Storage.Versions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HikubePortal.Storage;

/// <summary>Registers the S3 storage adapter: <see cref="IObjectStorage"/>, <see cref="IObjectUploads"/>,
/// <see cref="IObjectLinks"/>, <see cref="IObjectArchive"/> and <see cref="IBucketDataStorage"/>, configured from section <c>ObjectStorage</c>.</summary>
public static class ObjectStorageRegistration
{
    public static IHostApplicationBuilder AddObjectStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddObjectStorage();
        return builder;
    }

    public static IServiceCollection AddObjectStorage(this IServiceCollection services)
    {
        services.AddOptions<ObjectStorageOptions>()
            .BindConfiguration(ObjectStorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<S3ClientCache>();
        services.AddSingleton<S3Executor>();
        services.AddSingleton<FolderLister>();
        services.AddSingleton<ObjectReader>();
        services.AddSingleton<FolderCreator>();
        services.AddSingleton<ObjectDeleter>();
        services.AddSingleton<ObjectCopier>();
        services.AddSingleton<Settings.BucketSettings>();
        services.AddSingleton<Presigner>();
        services.AddSingleton<StreamUploader>();
        services.AddSingleton<StreamedParts>();
        services.AddSingleton<KeyEnumerator>();
        services.AddSingleton<VersioningSettings>();
        services.AddSingleton<VersionLister>();
        services.AddSingleton<VersionDeleter>();
        services.AddSingleton<LifecycleSettings>();
        services.AddSingleton<IObjectStorage, S3ObjectStorage>();
        services.AddSingleton<IObjectUploads, S3ObjectUploads>();
        services.AddSingleton<IObjectLinks, S3ObjectLinks>();
        services.AddSingleton<IObjectArchive, ObjectZipWriter>();
        services.AddSingleton<IBucketDataStorage, S3BucketDataStorage>();
        return services;
    }
}
