using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NkWatch.Web.Rendering;

/// <summary>
/// Renders a page (a Razor component) to an HTML string outside any Blazor app; emails have their own renderer in NkWatch.Email.
/// Razor encodes every value it writes, so feed text and user input cannot become markup.
/// </summary>
public sealed class ComponentRenderer(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    public async Task<string> RenderAsync<TComponent, TModel>(TModel model)
        where TComponent : IComponent, IModelComponent<TModel>
    {
        // A scope per render: the renderer resolves scoped services (where the host registered
        // components, its activity source), which the root provider must not hand out.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(IModelComponent<TModel>.Model)] = model });
            var output = await renderer.RenderComponentAsync<TComponent>(parameters).ConfigureAwait(false);
            return output.ToHtmlString();
        }).ConfigureAwait(false);
    }
}

/// <summary>A page component: one parameter, its model.</summary>
public interface IModelComponent<TModel>
{
    TModel Model { get; set; }
}
