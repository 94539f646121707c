using NkWatch.Cli.Commands;
using NkWatch.Core;
using NkWatch.Core.Configuration;

namespace NkWatch.Cli;

/// <summary>
/// The <c>nkwatch</c> entry point: picks the command and turns bad input, bad settings and broken
/// state into one <c>error:</c> line on stderr with exit code 2.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int SomeFailed = 1;
    public const int BadInput = 2;

    private const string Usage = """
        usage: nkwatch <command> [options]

          parse <file|url> --json [--content-type TYPE] [--timeout SECONDS]
                                           parse one feed and print it normalised
          feeds check [--json] [--feeds FILE] [--only ID,...] [--timeout SECONDS]
                                           fetch every catalogue feed live and report (exit 1 if any failed)
          feeds poll [--only ID,...] [--feeds FILE] [--data DIR] [--storage CONN]
                                           poll the named feeds (default: all) now, whatever their schedule
          feeds status [--json] [--data DIR] [--storage CONN]
                                           each feed's health: ok, stale, failing or new
          classify [--rules FILE] [--explain] [FILE|-]
                                           classify JSON lines {"id","title","summary"}
          eval --corpus FILE [--rules FILE]
                                           precision, recall and F1 on labelled JSON lines
          rules check FILE                 check a rule file: a summary, or the line that is wrong
          run [--once] [--feeds FILE] [--rules FILE] [--data DIR] [--storage CONN]
                                           poll, classify, store, send the digests that are due
          subscribers add EMAIL [--frequency instant|daily|weekly] [--topics a,b]
          subscribers list [--json]
          subscribers remove EMAIL
          subscribers export EMAIL         everything stored about the address, as JSON
          subscribers delete EMAIL         erase the subscriber, their digest log and counters
                                           (all take --data DIR and --storage CONN)
          matches search TEXT [--limit N] [--json] [--data DIR] [--storage CONN]
                                           stored matches with all the words, best first, with why they matched
          digest preview --email ADDRESS --out FILE.html
                                           render the next digest without sending it
          serve [--urls URL] [--data DIR] [--storage CONN]
                                           the subscribe pages, archive and webhooks on Kestrel
                                           (default http://localhost:5080)
        """;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 ? BadInput : Ok;
        }

        var io = new CommandIo(stdin, stdout, stderr);
        try
        {
            var rest = args[1..];
            return args[0] switch
            {
                "parse" => await ParseCommand.RunAsync(rest, io, cancel.Token).ConfigureAwait(false),
                "classify" => await ClassifyCommand.RunAsync(rest, io).ConfigureAwait(false),
                "eval" => await EvalCommand.RunAsync(rest, io).ConfigureAwait(false),
                "rules" => await RulesCommand.RunAsync(rest, io).ConfigureAwait(false),
                "run" => await RunCommand.RunAsync(rest, io, cancel.Token).ConfigureAwait(false),
                "subscribers" => await SubscribersCommand.RunAsync(rest, io, cancel.Token).ConfigureAwait(false),
                "digest" => await DigestCommand.RunAsync(rest, io, cancel.Token).ConfigureAwait(false),
                "matches" => await MatchesCommand.RunAsync(rest, io, cancel.Token).ConfigureAwait(false),
                "feeds" => await FeedsCommand.RunAsync(rest, io, cancel.Token).ConfigureAwait(false),
                "serve" => await ServeCommand.RunAsync(rest, io, cancel.Token).ConfigureAwait(false),
                _ => throw new UsageException($"unknown command \"{args[0]}\" (try nkwatch --help)"),
            };
        }
        catch (UsageException ex)
        {
            return await FailAsync(stderr, ex.Message).ConfigureAwait(false);
        }
        catch (ConfigurationFileException ex)
        {
            return await FailAsync(stderr, ex.Message).ConfigureAwait(false);
        }
        catch (MissingSettingException ex)
        {
            return await FailAsync(stderr, $"setting {ex.Missing.Setting}: {ex.Missing.Problem}").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return await FailAsync(stderr, "cancelled").ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A bad setting, an unreadable file, a broken store: one line that names it.
            return await FailAsync(stderr, FailureMessages.For(ex)).ConfigureAwait(false);
        }
    }

    private static async Task<int> FailAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync("error: " + message.ReplaceLineEndings(" ")).ConfigureAwait(false);
        return BadInput;
    }
}

/// <summary>The streams a command reads and writes; tests pass their own.</summary>
public sealed record CommandIo(TextReader In, TextWriter Out, TextWriter Error);
