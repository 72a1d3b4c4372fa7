namespace HikubePortal.Data;
internal static class AssemblyMarker;
