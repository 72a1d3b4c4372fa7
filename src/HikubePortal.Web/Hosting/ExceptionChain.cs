namespace HikubePortal.Web.Hosting;

/// <summary>An exception and its inner ones, outermost first.</summary>
internal static class ExceptionChain
{
    /// <summary>The first exception of type <typeparamref name="T"/> in <paramref name="exception"/>'s chain, or null.</summary>
    public static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }
        return null;
    }
}
