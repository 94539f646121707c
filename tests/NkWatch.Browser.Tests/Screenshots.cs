using Microsoft.Playwright;

namespace NkWatch.Browser.Tests;

/// <summary>Full-page screenshots kept as test artifacts in artifacts/screenshots (ignored by git), to be looked at.</summary>
internal static class Screenshots
{
    public static string Folder { get; } = Repository.Combine("artifacts", "screenshots");

    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}
