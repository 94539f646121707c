using NkWatch.Core.Concurrency;

namespace NkWatch.Core.Tests.Concurrency;

public sealed class AsyncOnceTests
{
    [Fact]
    public async Task ASuccessIsKeptAndTheStepRunsOnce()
    {
        var runs = 0;
        var once = new AsyncOnce<int>(() => Task.FromResult(Interlocked.Increment(ref runs)));

        var first = await once.GetAsync();
        var second = await once.GetAsync();

        Assert.Equal(1, first);
        Assert.Equal(1, second);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task AFailureIsNotKeptTheNextUseTriesAgain()
    {
        var runs = 0;
        var once = new AsyncOnce<string>(() => Interlocked.Increment(ref runs) == 1
            ? throw new IOException("catalogue not there yet")
            : Task.FromResult("loaded"));

        var error = await Assert.ThrowsAsync<IOException>(() => once.GetAsync());
        var second = await once.GetAsync();
        var third = await once.GetAsync();

        Assert.Equal("catalogue not there yet", error.Message);
        Assert.Equal("loaded", second);
        Assert.Equal("loaded", third);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task ACallerSeesTheStepsOwnException()
    {
        var once = new AsyncOnce<int>(async () =>
        {
            await Task.Yield();
            throw new InvalidDataException("bad file");
        });

        Assert.Equal("bad file", (await Assert.ThrowsAsync<InvalidDataException>(() => once.GetAsync())).Message);
    }

    [Fact]
    public async Task ConcurrentCallersShareTheAttemptInFlight()
    {
        var runs = 0;
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var once = new AsyncOnce<int>(() =>
        {
            Interlocked.Increment(ref runs);
            return release.Task;
        });

        var callers = Enumerable.Range(0, 8).Select(_ => once.GetAsync()).ToList();
        release.SetResult(42);
        var results = await Task.WhenAll(callers);

        Assert.All(results, r => Assert.Equal(42, r));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task ConcurrentCallersShareAFailureThenTheNextCallStartsAfresh()
    {
        var runs = 0;
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var once = new AsyncOnce<int>(() => Interlocked.Increment(ref runs) == 1 ? release.Task : Task.FromResult(7));

        var first = once.GetAsync();
        var second = once.GetAsync();
        release.SetException(new TimeoutException("storage slow"));

        await Assert.ThrowsAsync<TimeoutException>(() => first);
        await Assert.ThrowsAsync<TimeoutException>(() => second);
        Assert.Equal(7, await once.GetAsync());
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task ACallersCancellationEndsOnlyItsOwnWait()
    {
        var runs = 0;
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var once = new AsyncOnce<string>(() =>
        {
            Interlocked.Increment(ref runs);
            return release.Task;
        });
        using var impatient = new CancellationTokenSource();

        var cancelled = once.GetAsync(impatient.Token);
        var patient = once.GetAsync();
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        release.SetResult("created");

        Assert.Equal("created", await patient);
        Assert.Equal("created", await once.GetAsync());
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task ACancelledStepIsTriedAgain()
    {
        var runs = 0;
        var once = new AsyncOnce<int>(() => Interlocked.Increment(ref runs) == 1
            ? Task.FromCanceled<int>(new CancellationToken(canceled: true))
            : Task.FromResult(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => once.GetAsync());

        Assert.Equal(2, await once.GetAsync());
    }
}
