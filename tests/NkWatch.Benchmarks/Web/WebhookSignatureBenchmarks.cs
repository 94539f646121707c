using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using NkWatch.Web.Webhooks;
using SendGrid.Helpers.EventWebhook;

namespace NkWatch.Benchmarks.Web;

/// <summary>
/// Checking one signed SendGrid event batch: the SendGrid package's RequestValidator (the baseline)
/// against NkWatch's SendGridSignature (ECDsa.VerifyData over the DER signature, plus the timestamp check).
/// </summary>
[MemoryDiagnoser]
public class WebhookSignatureBenchmarks : IDisposable
{
    private readonly RequestValidator validator = new();
    private ECDsa key = null!;
    private SendGridSignature signature = null!;
    private EllipticCurve.PublicKey sendGridKey = null!;
    private string publicKey = string.Empty;
    private string body = string.Empty;
    private byte[] bodyBytes = [];
    private string timestamp = string.Empty;
    private string signed = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        body = "[" + string.Join(',', Enumerable.Range(0, 20).Select(i => $$"""{"email":"reader{{i}}@example.org","timestamp":1700000000,"event":"delivered","sg_event_id":"ev{{i}}","subscriber_id":"s{{i}}"}""")) + "]";
        bodyBytes = Encoding.UTF8.GetBytes(body);
        timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        signed = Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        signature = new SendGridSignature(Options.Create(new SendGridWebhookOptions { WebhookPublicKey = publicKey, WebhookToleranceSeconds = 3600 }), TimeProvider.System);
        sendGridKey = validator.ConvertPublicKeyToECDSA(publicKey);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        key?.Dispose();
        signature?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "SendGrid RequestValidator.VerifySignature")]
    public bool SendGridPackage() => validator.VerifySignature(sendGridKey, body, signed, timestamp);

    [Benchmark(Description = "NkWatch SendGridSignature.Check")]
    public bool NkWatch() => signature.Check(signed, timestamp, bodyBytes) == SignatureCheck.Valid;
}
