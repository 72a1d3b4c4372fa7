namespace HikubePortal.Storage;
internal static class AssemblyMarker;
