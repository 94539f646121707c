using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NkWatch.Core.Digests;
using NkWatch.Email.Templates;

namespace NkWatch.Email;

/// <summary>
/// Renders the digest's HTML part with the Razor components in Templates/ (HtmlRenderer, no
/// browser): every value is HTML-encoded by Razor. The encoder lets letters of every script through
/// as they are (the default writes Hangul as numeric entities, eight bytes a syllable) and still
/// encodes markup characters. A renderer per email: an HtmlRenderer keeps every component it
/// rendered until it is disposed.
/// </summary>
public sealed class RazorDigestHtmlRenderer(ILoggerFactory loggers) : IDigestHtmlRenderer, IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection()
        .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
        .AddSingleton(JavaScriptEncoder.Default)
        .BuildServiceProvider();

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

    public void Dispose() => services.Dispose();
}
