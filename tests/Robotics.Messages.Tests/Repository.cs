namespace Robotics.Messages.Tests;

/// <summary>The checkout the tests run from (the folder holding Robotics.sln).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
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
