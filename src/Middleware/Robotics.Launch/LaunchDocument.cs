using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using YamlDotNet.RepresentationModel;

namespace Robotics.Launch;

/// <summary>Reads a launch file into its root entity: XML by <c>.xml</c>, YAML by <c>.yaml</c>/<c>.yml</c>.</summary>
internal static partial class LaunchDocument
{
    public static LaunchEntity Load(string fullPath)
    {
        var extension = Path.GetExtension(fullPath).ToLowerInvariant();
        if (extension == ".py")
        {
            throw new LaunchException(new SourceLocation(fullPath, 1),
                "Python launch files are not supported; write the launch file in XML or YAML");
        }

        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LaunchException($"cannot read launch file '{fullPath}': {ex.Message}", ex);
        }

        var isXml = extension == ".xml" || (extension is not (".yaml" or ".yml") && text.TrimStart().StartsWith('<'));
        return isXml ? LoadXml(text, fullPath) : LoadYaml(text, fullPath);
    }

    private static XmlLaunchEntity LoadXml(string text, string file)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, // launch files never need a DTD; refusing one avoids entity expansion
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            var message = TrailingPosition().Replace(ex.Message, string.Empty);
            throw new LaunchException(new SourceLocation(file, Math.Max(1, ex.LineNumber)),
                $"malformed XML: {message} (column {ex.LinePosition})", ex);
        }

        var root = new XmlLaunchEntity(document.Root!, file);
        if (root.TypeName != "launch")
        {
            throw new LaunchException(root.Location, $"the root element must be 'launch', not '{root.TypeName}'");
        }

        return root;
    }

    private static YamlLaunchEntity LoadYaml(string text, string file)
    {
        var stream = YamlText.Load(text, file, rejectAliases: false);
        const string Shape = "a YAML launch file is 'launch:' followed by a list of actions";
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            throw new LaunchException(new SourceLocation(file, 1), $"empty or malformed launch file: {Shape}");
        }

        YamlLaunchEntity? root = null;
        foreach (var (key, value) in map.Children)
        {
            var location = new SourceLocation(file, (int)key.Start.Line);
            if (key is not YamlScalarNode { Value: "launch" })
            {
                throw new LaunchException(location, $"unknown top-level key '{(key as YamlScalarNode)?.Value}': {Shape}");
            }

            if (value is not (YamlSequenceNode or YamlScalarNode { Value: null or "" }))
            {
                throw new LaunchException(location, $"'launch' must hold a list of actions: {Shape}");
            }

            root = new YamlLaunchEntity("launch", value, location, file);
        }

        return root ?? throw new LaunchException(new SourceLocation(file, 1), $"missing 'launch' key: {Shape}");
    }

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex TrailingPosition();
}
