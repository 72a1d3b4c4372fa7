namespace HikubePortal.Kubernetes;
internal static class AssemblyMarker;
