namespace Robotics.Policies.Tests;

/// <summary>Paths in the checkout the tests run from (the folder holding Robotics.sln).</summary>
public static class TestPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The tokenizer.json fixtures (hand-made vocabularies, merges trained on robot instructions).</summary>
    public static string TokenizerFixtures => Path.Combine(Root, "tests", "Robotics.Policies.Tests", "Text", "Fixtures");

    public static string Fixture(string name) => Path.Combine(TokenizerFixtures, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Robotics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Robotics.sln not found above " + AppContext.BaseDirectory);
    }
}
