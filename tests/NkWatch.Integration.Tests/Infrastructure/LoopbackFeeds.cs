using System.Runtime.CompilerServices;

namespace NkWatch.Integration.Tests.Infrastructure;

/// <summary>
/// Every feed these tests serve is on 127.0.0.1, which NkWatch refuses by default: the command
/// line run in this process (and any <c>nkwatch</c> process it starts) reads the setting from
/// the environment, so it is set once for the whole test assembly.
/// </summary>
internal static class LoopbackFeeds
{
    [ModuleInitializer]
    internal static void AllowLoopbackFeeds() => Environment.SetEnvironmentVariable("Fetch__AllowPrivateAddresses", "true");
}
