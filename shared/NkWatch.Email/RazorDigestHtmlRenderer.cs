using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;
using NkWatch.Core.Digests;
using NkWatch.Email.Templates;

namespace NkWatch.Email;

/// <summary>
/// Renders the digest's HTML part with the Razor components in Templates/ (HtmlRenderer, no
/// browser): every value is HTML-encoded by Razor. A renderer per email: an HtmlRenderer keeps
/// every component it rendered until it is disposed.
/// </summary>
public sealed class RazorDigestHtmlRenderer(IServiceProvider services, ILoggerFactory loggers) : IDigestHtmlRenderer
{
    public async Task<string> RenderAsync(DigestEmailModel model, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(DigestEmail.Model)] = model });
            var output = await renderer.RenderComponentAsync<DigestEmail>(parameters).ConfigureAwait(false);
            return output.ToHtmlString();
        }).ConfigureAwait(false);
    }
}
