namespace NkWatch.Cli;

/// <summary>
/// The arguments of one command: positionals, <c>--name value</c> (or <c>--name=value</c>) options
/// and <c>--flag</c> switches. Anything the command did not declare is refused.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    public Arguments(IEnumerable<string> args, IReadOnlyCollection<string> optionNames, IReadOnlyCollection<string> flagNames)
    {
        using var cursor = args.GetEnumerator();
        while (cursor.MoveNext())
        {
            var arg = cursor.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                Positionals.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inline = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                inline = name[(equals + 1)..];
                name = name[..equals];
            }

            if (flagNames.Contains(name) && inline is null)
            {
                flags.Add(name);
            }
            else if (optionNames.Contains(name))
            {
                if (inline is null && !cursor.MoveNext())
                {
                    throw new UsageException($"--{name} needs a value");
                }

                options[name] = inline ?? cursor.Current;
            }
            else
            {
                throw new UsageException($"unknown option --{name}");
            }
        }
    }

    public List<string> Positionals { get; } = [];

    public string? Option(string name) => options.GetValueOrDefault(name);

    public bool Flag(string name) => flags.Contains(name);

    public string Positional(int index, string what) =>
        index < Positionals.Count ? Positionals[index] : throw new UsageException($"missing {what}");

    public void ExpectAtMost(int count)
    {
        if (Positionals.Count > count)
        {
            throw new UsageException($"unexpected argument \"{Positionals[count]}\"");
        }
    }
}
