using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using NkWatch.Core.Configuration;
using NkWatch.Web.Http;
using NkWatch.Web.Pages;

namespace NkWatch.Web.Rendering;

/// <summary>
/// Turns models into responses: pages for people, JSON for programs (a request that sent or asked
/// for JSON), and the same plain error answer wherever a request is refused or a handler fails.
/// </summary>
public sealed partial class PageResults(ComponentRenderer renderer, ILogger<PageResults> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IResult> PageAsync<TComponent, TModel>(TModel model, int statusCode = StatusCodes.Status200OK, bool cacheable = false)
        where TComponent : Microsoft.AspNetCore.Components.IComponent, IModelComponent<TModel>
    {
        var html = await renderer.RenderAsync<TComponent, TModel>(model).ConfigureAwait(false);
        return new HtmlPageResult(html, statusCode, cacheable);
    }

    public Task<IResult> NoticeAsync(NoticeModel model, int statusCode = StatusCodes.Status200OK) =>
        PageAsync<NoticePage, NoticeModel>(model, statusCode);

    public static IResult JsonAnswer(object body, int statusCode) => new JsonAnswerResult(JsonSerializer.Serialize(body, Json), statusCode);

    /// <summary>A program asked: it sent JSON, or accepts JSON and not HTML.</summary>
    public static bool WantsJson(HttpRequest request)
    {
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var sent) && sent.MediaType.Equals(RequestBody.Json, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    public Task<IResult> ErrorAsync(HttpRequest request, int statusCode, string heading, string message) =>
        WantsJson(request)
            ? Task.FromResult(JsonAnswer(new { error = message }, statusCode))
            : NoticeAsync(new NoticeModel(heading, [message], [new PageLink("Go to the subscribe page", "/api/subscribe")]), statusCode);

    /// <summary>
    /// Runs a handler: a refused request gets its 4xx answer, work that needs a missing secret a 503
    /// (the operator's log and <c>/api/health</c> name the setting, the visitor is not told), a
    /// failure a plain 500 page, never a stack trace.
    /// </summary>
    public async Task<IResult> GuardAsync(HttpContext context, Func<Task<IResult>> handler)
    {
        try
        {
            return await handler().ConfigureAwait(false);
        }
        catch (RequestRejectedException ex)
        {
            return await ErrorAsync(context.Request, ex.StatusCode, Heading(ex.StatusCode), ex.Message).ConfigureAwait(false);
        }
        catch (MissingSettingException ex)
        {
            LogMissingSetting(context.Request.Method, context.Request.Path.Value ?? string.Empty, ex.Message);
            return await ErrorAsync(context.Request, StatusCodes.Status503ServiceUnavailable, "Not available yet", "This part of NkWatch is not set up yet. Please try again later.").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            LogFailed(context.Request.Method, context.Request.Path.Value ?? string.Empty, ex);
            return await ErrorAsync(context.Request, StatusCodes.Status500InternalServerError, "Something went wrong", "Something went wrong on our side. Please try again in a few minutes.").ConfigureAwait(false);
        }
    }

    private static string Heading(int statusCode) => statusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "Too much data",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported format",
        StatusCodes.Status404NotFound => "Not found",
        _ => "That did not work",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} refused: {Problem}")]
    private partial void LogMissingSetting(string method, string path, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private partial void LogFailed(string method, string path, Exception exception);

    private sealed class JsonAnswerResult(string json, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return httpContext.Response.WriteAsync(json, httpContext.RequestAborted);
        }
    }
}
