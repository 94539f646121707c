using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;
using NkWatch.Core.Digests;
using NkWatch.Core.Email;
using NkWatch.Email.Templates;

namespace NkWatch.Email;

/// <summary>
/// The one place an email model becomes an email: its body (a Razor component in Templates/) set
/// in the frame every NkWatch email shares (<see cref="EmailLayout"/>), and the same frame and body
/// as plain text. HtmlRenderer, no browser: every value is HTML-encoded by Razor. The encoder lets
/// letters of every script through as they are (the default writes Hangul as numeric entities,
/// eight bytes a syllable) and still encodes markup characters. A renderer per email: an
/// HtmlRenderer keeps every component it rendered until it is disposed.
/// </summary>
public sealed class EmailRenderer(IOptions<AppOptions> options, ILoggerFactory loggers) : IDigestEmailRenderer, IDisposable
{
    private readonly AppOptions app = options.Value;

    private readonly ServiceProvider services = new ServiceCollection()
        .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
        .AddSingleton(JavaScriptEncoder.Default)
        .BuildServiceProvider();

    public Task<EmailParts> RenderAsync(DigestEmailModel model, CancellationToken cancellationToken) =>
        RenderAsync<DigestEmail, DigestEmailModel>(model, cancellationToken);

    public async Task<EmailParts> RenderAsync<TBody, TModel>(TModel model, CancellationToken cancellationToken)
        where TBody : IComponent, IEmailBody<TModel>
    {
        cancellationToken.ThrowIfCancellationRequested();
        var frame = TBody.Frame(model, app.ProductName);
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(EmailLayout.Frame)] = frame,
                [nameof(EmailLayout.ProductName)] = app.ProductName,
                [nameof(EmailLayout.OperatorAddress)] = app.OperatorAddress,
                [nameof(EmailLayout.Body)] = Body<TBody, TModel>(model),
            });
            var output = await renderer.RenderComponentAsync<EmailLayout>(parameters).ConfigureAwait(false);
            return output.ToHtmlString();
        }).ConfigureAwait(false);
        return new EmailParts(html, EmailText.Compose(frame, app.ProductName, app.OperatorAddress, TBody.Text(model, app.ProductName)));
    }

    private static RenderFragment Body<TBody, TModel>(TModel model)
        where TBody : IComponent, IEmailBody<TModel> => builder =>
    {
        builder.OpenComponent<TBody>(0);
        builder.AddComponentParameter(1, nameof(IEmailBody<TModel>.Model), model);
        builder.CloseComponent();
    };

    public void Dispose() => services.Dispose();
}
