using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Robotics.Launch;

/// <summary>
/// Loads YAML with a line number for every failure. YamlDotNet reports most syntax errors as a
/// <see cref="YamlException"/> with a position, but some (an unterminated flow sequence) as a bare
/// <see cref="InvalidOperationException"/>; for those the last event it produced is the best position known.
/// </summary>
internal static class YamlText
{
    /// <param name="rejectAliases">
    /// True for parameter YAML: rcl refuses aliases ("Will not support aliasing" in parse.c), which also rules out
    /// alias-expansion blowups. launch_yaml (PyYAML) accepts them.
    /// </param>
    public static YamlStream Load(string text, string file, bool rejectAliases)
    {
        try
        {
            return LoadStream(text, rejectAliases);
        }
        catch (MalformedYamlException ex)
        {
            throw new LaunchException(new SourceLocation(file, ex.Line), ex.Message);
        }
    }

    /// <summary>The root of a single-document parameter value, or null when the text holds no document.</summary>
    public static YamlNode? LoadSingleRoot(string text)
    {
        var stream = LoadStream(text, rejectAliases: true);
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static YamlStream LoadStream(string text, bool rejectAliases)
    {
        var parser = new TrackingParser(new Parser(new StringReader(text)), rejectAliases);
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
            return stream;
        }
        catch (YamlException ex)
        {
            throw new MalformedYamlException("malformed YAML: " + ex.Message, (int)Math.Max(1, ex.Start.Line), ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new MalformedYamlException(
                "malformed YAML: the YAML reader stopped after this line; look for an unclosed '[', '{' or quote",
                (int)Math.Max(1, parser.LastLine), ex);
        }
    }

    /// <summary>Internal carrier so callers choose how to report (with a file, or as launch text that is not YAML).</summary>
    internal sealed class MalformedYamlException(string message, int line, Exception? inner = null) : Exception(message, inner)
    {
        public int Line { get; } = line;
    }

    private sealed class TrackingParser(IParser inner, bool rejectAliases) : IParser
    {
        public ParsingEvent? Current => inner.Current;

        public long LastLine { get; private set; } = 1;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (moved && inner.Current is { } current)
            {
                LastLine = current.End.Line;
                if (rejectAliases && current is AnchorAlias alias)
                {
                    throw new MalformedYamlException(
                        $"YAML aliases (*{alias.Value}) are not supported in parameter files; rcl rejects them", (int)current.Start.Line);
                }
            }

            return moved;
        }
    }
}
