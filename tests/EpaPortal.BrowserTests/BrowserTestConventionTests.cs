using System.Reflection;
using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.BrowserTests;

/// <summary>
/// Keeps every browser test reachable by <c>--filter Category=Browser</c>, on the shared portal and browser,
/// and skipped (not failed) on a machine without Chromium. Needs no browser itself.
/// </summary>
[Trait(Category.Name, Category.Unit)]
public class BrowserTestConventionTests
{
    private static readonly Type[] BrowserTestClasses = typeof(BrowserTest).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(BrowserTest)) && !t.IsAbstract)
        .ToArray();

    [Fact]
    public void BrowserTestClasses_AreJourneysInTheBrowserCollection_WithTheBrowserCategory()
    {
        Assert.NotEmpty(BrowserTestClasses);
        foreach (var type in BrowserTestClasses)
        {
            // .ci/run counts the browser tests that ran by this namespace.
            Assert.True(type.Namespace?.StartsWith("EpaPortal.BrowserTests.Journeys", StringComparison.Ordinal) == true,
                $"{type.FullName} must be in the EpaPortal.BrowserTests.Journeys namespace.");
            var attributes = type.GetCustomAttributesData();
            Assert.True(attributes.Any(a => a.AttributeType == typeof(CollectionAttribute) && Equals(a.ConstructorArguments[0].Value, BrowserCollection.Name)),
                $"{type.Name} needs [Collection(BrowserCollection.Name)].");
            Assert.True(attributes.Any(a => a.AttributeType == typeof(TraitAttribute)
                    && Equals(a.ConstructorArguments[0].Value, Category.Name) && Equals(a.ConstructorArguments[1].Value, Category.Browser)),
                $"{type.Name} needs [Trait(Category.Name, Category.Browser)].");
        }
    }

    [Fact]
    public void BrowserTests_UseBrowserFactOrBrowserTheory()
    {
        var tests = BrowserTestClasses
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
            .ToList();

        Assert.NotEmpty(tests);
        var plain = tests
            .Where(m => m.GetCustomAttribute<BrowserFactAttribute>() is null && m.GetCustomAttribute<BrowserTheoryAttribute>() is null)
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();
        Assert.True(plain.Count == 0, $"Use [BrowserFact] or [BrowserTheory] (they skip without Chromium): {string.Join(", ", plain)}");
    }
}
