using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using NkWatch.Cli.Commands;

namespace NkWatch.Cli;

/// <summary>
/// The <c>nkwatch</c> entry point: the command tree on System.CommandLine, with bad input turned
/// into one <c>error:</c> line on stderr and exit code 2, and Ctrl+C into exit code 130.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int SomeFailed = 1;
    public const int BadInput = 2;

    /// <summary>128 + SIGINT, what a shell reports for a program stopped by Ctrl+C.</summary>
    public const int Cancelled = 130;

    /// <summary>The program's name in help and hints, whatever the process is called (tests run it in theirs).</summary>
    private const string Name = "nkwatch";

    /// <summary>
    /// How long a command has to end after Ctrl+C or SIGTERM before System.CommandLine returns
    /// without it (a read blocked on a terminal or a pipe does not see the cancellation).
    /// </summary>
    private static readonly TimeSpan TerminationTimeout = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var io = new CommandIo(stdin, stdout, stderr);
        var parsed = Root(io).Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            await stderr.WriteLineAsync($"error: {MainError(parsed).ReplaceLineEndings(" ").TrimEnd('.')} (try: {PathOf(parsed.CommandResult)} --help)").ConfigureAwait(false);
            return BadInput;
        }

        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = TerminationTimeout,
        };
        return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The command tree: every command's options are its own, and each answers --help.</summary>
    internal static RootCommand Root(CommandIo io)
    {
        var root = new RootCommand("NkWatch: North Korean human rights news from RSS and Atom feeds, classified, stored and sent as email digests.")
        {
            ParseCommand.Create(io),
            FeedsCommand.Create(io),
            ClassifyCommand.Create(io),
            EvalCommand.Create(io),
            RulesCommand.Create(io),
            RunCommand.Create(io),
            SubscribersCommand.Create(io),
            MatchesCommand.Create(io),
            DigestCommand.Create(io),
            ServeCommand.Create(io),
        };
        root.HelpName = Name;
        root.TreatUnmatchedTokensAsErrors = true;
        return root;
    }

    /// <summary>
    /// The one error to show: the first word that was not understood (<c>rules lint</c> is about
    /// "lint", not about the missing subcommand), else the first error.
    /// </summary>
    private static string MainError(ParseResult parsed)
    {
        var messages = parsed.Errors.Select(e => e.Message).ToList();
        return parsed.UnmatchedTokens is [var first, ..] && messages.FirstOrDefault(m => m.Contains($"'{first}'", StringComparison.Ordinal)) is { } unknown
            ? unknown
            : messages[0];
    }

    /// <summary>The words that name the command, for the hint after a parse error.</summary>
    private static string PathOf(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is CommandResult command; at = command.Parent)
        {
            names.Add(command.Command is RootCommand ? Name : command.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}

/// <summary>The streams a command reads and writes; tests pass their own.</summary>
public sealed record CommandIo(TextReader In, TextWriter Out, TextWriter Error);
