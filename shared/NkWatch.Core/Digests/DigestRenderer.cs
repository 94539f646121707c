using NkWatch.Core.Email;

namespace NkWatch.Core.Digests;

/// <summary>The rendered parts of a digest email. Links to preferences and unsubscribe are still tags (<see cref="DigestLinks"/>).</summary>
public sealed record RenderedDigest(string Subject, string Preheader, string Html, string Text);

/// <summary>What the digest's template is given: the digest and the words around it, all decided here.</summary>
public sealed record DigestEmailModel(Digest Digest, string Subject, string Preheader);

/// <summary>
/// Lays a digest out as an email, both parts, in the frame every NkWatch email shares (the email
/// renderer in NkWatch.Email). A port, so the core does not depend on the template engine.
/// </summary>
public interface IDigestEmailRenderer
{
    Task<EmailParts> RenderAsync(DigestEmailModel model, CancellationToken cancellationToken);
}

/// <summary>Renders a digest: subject and preheader decided here, both parts through the email renderer.</summary>
public sealed class DigestRenderer(IDigestEmailRenderer email)
{
    public async Task<RenderedDigest> RenderAsync(Digest digest, CancellationToken cancellationToken)
    {
        var subject = DigestHeadlines.Subject(digest);
        var preheader = DigestHeadlines.Preheader(digest);
        var parts = await email.RenderAsync(new DigestEmailModel(digest, subject, preheader), cancellationToken).ConfigureAwait(false);
        return new RenderedDigest(subject, preheader, parts.Html, parts.Text);
    }
}
