namespace HikubePortal.Application;
internal static class AssemblyMarker;
