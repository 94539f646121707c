using NkWatch.Core.Classification;
using NkWatch.Core.Feeds;

namespace NkWatch.Core.Configuration;

/// <summary>The feed catalogue in force.</summary>
public interface IFeedCatalogProvider
{
    FeedCatalog Catalog { get; }
}

/// <summary>The classifier compiled from the rules in force.</summary>
public interface IClassifierProvider
{
    IClassifier Classifier { get; }

    RuleSet Rules { get; }
}

/// <summary>Catalogue and rules read once from files at start.</summary>
public sealed class FileConfigurationProvider(string feedsPath, string rulesPath) : IFeedCatalogProvider, IClassifierProvider
{
    private readonly Lazy<FeedCatalog> catalog = new(() => FeedCatalog.Load(feedsPath));
    private readonly Lazy<KeywordClassifier> classifier = new(() => new KeywordClassifier(RuleSetLoader.Load(rulesPath)));

    public FeedCatalog Catalog => catalog.Value;

    public IClassifier Classifier => classifier.Value;

    public RuleSet Rules => classifier.Value.Rules;
}
