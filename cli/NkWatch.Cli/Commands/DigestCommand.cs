using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Cli.Hosting;
using NkWatch.Core.Digests;

namespace NkWatch.Cli.Commands;

/// <summary>
/// <c>nkwatch digest preview --email ADDRESS --out FILE.html</c>: writes the subscriber's next digest
/// (HTML to FILE.html, the plain-text part beside it as FILE.txt) without sending it or moving
/// their watermark.
/// </summary>
internal static class DigestCommand
{
    public static Command Create(CommandIo io)
    {
        var email = new Option<string>("--email") { HelpName = "ADDRESS", Description = "the subscriber", Required = true };
        var output = new Option<string>("--out") { HelpName = "FILE.html", Description = "where the HTML goes (the text part goes beside it as FILE.txt)", Required = true };
        var preview = new Command("preview", "render a subscriber's next digest without sending it or moving their watermark") { email, output };
        var state = StateOptions.AddTo(preview);
        preview.SetGuardedAction(io, (parsed, cancellationToken) =>
            PreviewAsync(parsed.GetRequiredValue(email), parsed.GetRequiredValue(output), state.Read(parsed, io), io, cancellationToken));
        return new Command("digest", "the digests subscribers get") { preview };
    }

    private static async Task<int> PreviewAsync(string email, string output, LocalSettings settings, CommandIo io, CancellationToken cancellationToken)
    {
        using var host = await LocalServices.StartStateAsync(settings, cancellationToken).ConfigureAwait(false);
        var services = host.Services;
        var preview = await services.GetRequiredService<DigestPreviewer>().PreviewAsync(email, cancellationToken).ConfigureAwait(false)
            ?? throw new UsageException($"no subscriber {email}");
        var c = CultureInfo.InvariantCulture;
        var window = string.Create(c, $"{preview.Window.Start:yyyy-MM-dd HH:mm} to {preview.Window.End:yyyy-MM-dd HH:mm} UTC");
        if (preview.Rendered is not { } rendered)
        {
            await io.Out.WriteLineAsync($"nothing new for {preview.Subscriber.Email} from {window}: no digest would be sent").ConfigureAwait(false);
            return CommandLine.Ok;
        }

        var html = Path.GetFullPath(output);
        var text = Path.ChangeExtension(html, ".txt");
        Directory.CreateDirectory(Path.GetDirectoryName(html)!);
        await File.WriteAllTextAsync(html, rendered.Html, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(text, rendered.Text, cancellationToken).ConfigureAwait(false);
        await io.Out.WriteLineAsync(string.Create(c, $"subject: {rendered.Subject}")).ConfigureAwait(false);
        await io.Out.WriteLineAsync(string.Create(c, $"{preview.Stories} stories from {window}; wrote {html} and {text} (not sent)")).ConfigureAwait(false);
        return CommandLine.Ok;
    }
}
