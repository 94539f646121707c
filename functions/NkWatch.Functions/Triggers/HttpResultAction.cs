using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace NkWatch.Functions.Triggers;

/// <summary>
/// Lets an HTTP function return what the shared handlers return: the Functions ASP.NET Core
/// integration executes <see cref="IActionResult"/>, the handlers (also mapped on Kestrel) give
/// minimal-API <see cref="IResult"/>s, which write the same response either way.
/// </summary>
internal sealed class HttpResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);

    public static async Task<IActionResult> From(Task<IResult> handled) => new HttpResultAction(await handled.ConfigureAwait(false));
}
