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
    public static async Task<int> RunAsync(string[] args, CommandIo io, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] != "preview")
        {
            throw new UsageException("digest needs preview (nkwatch digest preview --email ADDRESS --out FILE.html)");
        }

        var arguments = new Arguments(args[1..], ["email", "out", "data", "storage", "feeds", "rules"], []);
        arguments.ExpectAtMost(0);
        var email = arguments.Option("email") ?? throw new UsageException("digest preview needs --email ADDRESS");
        var output = arguments.Option("out") ?? throw new UsageException("digest preview needs --out FILE.html");
        using var services = LocalServices.ForState(StateOptions.Read(arguments, io));
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
