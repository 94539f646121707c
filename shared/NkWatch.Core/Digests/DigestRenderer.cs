using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;

namespace NkWatch.Core.Digests;

/// <summary>The rendered parts of a digest email. Links to preferences and unsubscribe are still tags (<see cref="DigestLinks"/>).</summary>
public sealed record RenderedDigest(string Subject, string Preheader, string Html, string Text);

/// <summary>What the HTML template is given: the digest and the words around it, all decided here.</summary>
public sealed record DigestEmailModel(Digest Digest, string Subject, string Preheader, string ProductName, string OperatorAddress);

/// <summary>
/// Renders the HTML part from a template engine that escapes everything it is given (the Razor
/// components in NkWatch.Email). A port, so the core does not depend on the engine.
/// </summary>
public interface IDigestHtmlRenderer
{
    Task<string> RenderAsync(DigestEmailModel model, CancellationToken cancellationToken);
}

/// <summary>Renders a digest: subject, preheader, the plain-text part here, the HTML part through the template.</summary>
public sealed class DigestRenderer(IOptions<AppOptions> options, IDigestHtmlRenderer html)
{
    private readonly AppOptions app = options.Value;

    public async Task<RenderedDigest> RenderAsync(Digest digest, CancellationToken cancellationToken)
    {
        var subject = DigestHeadlines.Subject(digest);
        var preheader = DigestHeadlines.Preheader(digest);
        var model = new DigestEmailModel(digest, subject, preheader, app.ProductName, app.OperatorAddress);
        var body = await html.RenderAsync(model, cancellationToken).ConfigureAwait(false);
        return new RenderedDigest(subject, preheader, body, DigestTextRenderer.Render(model));
    }
}
