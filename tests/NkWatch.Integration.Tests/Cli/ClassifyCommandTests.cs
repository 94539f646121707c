using System.Text.Json;
using NkWatch.Cli;

namespace NkWatch.Integration.Tests.Cli;

/// <summary><c>nkwatch classify</c>: one contract line out per JSON line in, hits that point at the text, explanations on stderr.</summary>
public sealed class ClassifyCommandTests : IDisposable
{
    private static readonly string Rules = RepositoryRoot.Combine("config", "rules.json");

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Each_input_line_gets_one_contract_line_with_hits_that_point_at_the_text()
    {
        string[] lines =
        [
            """{"id":"a","title":"China forcibly repatriates North Korean escapees","summary":"Rights groups said 60 people were sent back across the border."}""",
            """{"id":"b","title":"KOSPI rises","text":"Chip stocks rallied.","language":"en"}""",
            """{"id":3,"title":"中, 탈북민 강제북송","summary":"북한으로 돌려보낸 탈북민들이 고문 위험에 처했다."}""",
        ];

        var (code, output, error) = await NkWatchAsync(string.Join('\n', lines) + "\n\n", "classify", "--rules", Rules);

        Assert.Equal(0, code);
        Assert.Empty(error);
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["a", "b", "3"], results.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal([true, false, true], results.Select(r => r.GetProperty("relevant").GetBoolean()));
        foreach (var (result, line) in results.Zip(lines))
        {
            Assert.Equal(["id", "relevant", "score", "topics", "hits"], result.EnumerateObject().Select(p => p.Name));
            var input = JsonDocument.Parse(line).RootElement;
            foreach (var hit in result.GetProperty("hits").EnumerateArray())
            {
                Assert.Equal(["term", "topic", "field", "start", "length"], hit.EnumerateObject().Select(p => p.Name));
                var field = input.GetProperty(hit.GetProperty("field").GetString()!).GetString()!;
                var matched = field.Substring(hit.GetProperty("start").GetInt32(), hit.GetProperty("length").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(matched));
            }
        }

        var first = results[0];
        Assert.Contains("refugees", first.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.True(first.GetProperty("score").GetDouble() >= 3);
        Assert.Contains(first.GetProperty("hits").EnumerateArray(), h =>
            h.GetProperty("term").GetString() == "forcibly repatriat*" && h.GetProperty("field").GetString() == "title"
            && lines[0].Contains("forcibly repatriates", StringComparison.Ordinal) && h.GetProperty("start").GetInt32() == 6);
    }

    [Fact]
    public async Task A_line_that_cannot_be_read_gets_an_error_line_in_its_place_and_exit_code_2()
    {
        const string input = "{\"id\":\"ok\",\"title\":\"Weather\"}\nnot json\n{\"title\":\"no id\"}\n[1,2]\n{\"id\":\"last\",\"title\":\"More weather\"}\n";

        var (code, output, error) = await NkWatchAsync(input, "classify", "--rules", Rules);

        Assert.Equal(2, code);
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, results.Count);
        Assert.Equal("ok", results[0].GetProperty("id").GetString());
        Assert.StartsWith("line 2: not JSON:", results[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("line 3: missing \"id\"", results[2].GetProperty("error").GetString());
        Assert.Equal("line 4: expected a JSON object", results[3].GetProperty("error").GetString());
        Assert.Equal("last", results[4].GetProperty("id").GetString());
        Assert.Equal(3, error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("error: line ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_file_argument_is_read_instead_of_standard_input()
    {
        var file = temp.Combine("items.jsonl");
        await File.WriteAllTextAsync(file, "{\"id\":\"f\",\"title\":\"UN Human Rights Council adopts resolution on North Korea\",\"summary\":\"The Special Rapporteur welcomed it.\"}\n");

        var (code, output, _) = await NkWatchAsync(string.Empty, "classify", "--rules", Rules, file);

        Assert.Equal(0, code);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["un-action"], result.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Explain_tells_a_person_why_on_stderr_while_stdout_stays_contract_json()
    {
        const string input = "{\"id\":\"e\",\"title\":\"North Korea fires missile\",\"summary\":\"The Security Council will meet.\"}\n";

        var (code, output, error) = await NkWatchAsync(input, "classify", "--rules", Rules, "--explain");

        Assert.Equal(0, code);
        var result = JsonDocument.Parse(output.Trim()).RootElement;
        Assert.False(result.GetProperty("relevant").GetBoolean());
        Assert.StartsWith("e: not relevant, score 0", error, StringComparison.Ordinal);
        Assert.Contains("\"North Korea\" title@0", error, StringComparison.Ordinal);
        Assert.Contains("\"missile\" title@18", error, StringComparison.Ordinal);
        Assert.Contains("=> un-action: 0 is below 3; 1 hit(s) ruled out by a nearby exclusion", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_rules_are_refused_with_the_file_and_line()
    {
        var rules = temp.Combine("rules.json");
        await File.WriteAllTextAsync(rules, "{\n  \"version\": \"x\",\n  \"subjects\": [\"North Korea\"],\n  \"topics\": [{ \"id\": \"t\", \"terms\": [{ \"term\": \"x\", \"weight\": -1 }] }]\n}\n");

        var (code, output, error) = await NkWatchAsync("{\"id\":\"a\",\"title\":\"b\"}\n", "classify", "--rules", rules);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal($"error: {rules}:4: \"weight\" must be a positive number (at most 1000), not -1{Environment.NewLine}", error);
    }

    internal static async Task<(int Code, string Out, string Err)> NkWatchAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, input, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
