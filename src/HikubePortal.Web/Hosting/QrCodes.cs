using QRCoder;

namespace HikubePortal.Web.Hosting;

/// <summary>QR codes as PNG <c>data:</c> URIs (QRCoder), for the authenticator set-up page.</summary>
public sealed class QrCodes
{
    public string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        using var png = new PngByteQRCode(data);
        return "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(5));
    }
}
