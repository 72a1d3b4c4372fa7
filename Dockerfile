# syntax=docker/dockerfile:1
# Multi-stage image of the Hikube Portal web host (target `portal`, the default) and of the local
# bucket provisioner (target `provisioner`). Restores only the pinned packages of
# Directory.Packages.props; front-end assets come from wwwroot-assets' lockfile.
# Build: docker build -t hikube-portal .   |   docker build --target provisioner -t hikube-provisioner .

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore first, from the project files alone, so the layer is cached until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props HikubePortal.sln ./
COPY src/HikubePortal.Kubernetes/HikubePortal.Kubernetes.csproj src/HikubePortal.Kubernetes/
COPY src/HikubePortal.Application/HikubePortal.Application.csproj src/HikubePortal.Application/
COPY src/HikubePortal.Data/HikubePortal.Data.csproj src/HikubePortal.Data/
COPY src/HikubePortal.Storage/HikubePortal.Storage.csproj src/HikubePortal.Storage/
COPY src/HikubePortal.Web/HikubePortal.Web.csproj src/HikubePortal.Web/
COPY src/HikubePortal.Provisioner/HikubePortal.Provisioner.csproj src/HikubePortal.Provisioner/
RUN dotnet restore src/HikubePortal.Web/HikubePortal.Web.csproj \
 && dotnet restore src/HikubePortal.Provisioner/HikubePortal.Provisioner.csproj
COPY wwwroot-assets/package.json wwwroot-assets/package-lock.json wwwroot-assets/
RUN npm ci --prefix wwwroot-assets --no-audit --no-fund --ignore-scripts
COPY . .
RUN dotnet publish src/HikubePortal.Web/HikubePortal.Web.csproj -c Release --no-restore -o /out/portal \
 && dotnet publish src/HikubePortal.Provisioner/HikubePortal.Provisioner.csproj -c Release --no-restore -o /out/provisioner

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS provisioner
WORKDIR /app
COPY --from=build --chown=0:0 /out/provisioner ./
USER 10001:10001
ENTRYPOINT ["dotnet", "HikubePortal.Provisioner.dll"]

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS portal
WORKDIR /app
COPY --from=build --chown=0:0 /out/portal ./
# Runs as a non-root user on a read-only root filesystem: nothing is written under /app;
# temporary files go to /tmp (mount an emptyDir there in Kubernetes).
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_EnableDiagnostics=0 \
    DOTNET_gcServer=0
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["dotnet", "HikubePortal.Web.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "HikubePortal.Web.dll"]
