using HikubePortal.Provisioner.Provisioning;

// The local platform's bucket provisioner: Cozystack + COSI in one small worker, against radosgw.
// Settings: Kubernetes__Kubeconfig, Radosgw__Endpoint/AdminAccessKey/AdminSecretKey,
// Provisioner__PublicEndpoint (see appsettings.json for the rest).
var builder = Host.CreateApplicationBuilder(args);
builder.AddBucketProvisioner();
await builder.Build().RunAsync();
