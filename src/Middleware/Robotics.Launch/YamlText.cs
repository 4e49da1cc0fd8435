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
    public static YamlStream Load(string text, string file)
    {
        try
        {
            return LoadStream(text);
        }
        catch (MalformedYamlException ex)
        {
            throw new LaunchException(new SourceLocation(file, ex.Line), $"malformed YAML: {ex.Message}");
        }
    }

    /// <summary>The root of a single-document text, or null when the text holds no document.</summary>
    public static YamlNode? LoadSingleRoot(string text)
    {
        var stream = LoadStream(text);
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static YamlStream LoadStream(string text)
    {
        var parser = new TrackingParser(new Parser(new StringReader(text)));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
            return stream;
        }
        catch (YamlException ex)
        {
            throw new MalformedYamlException(ex.Message, (int)Math.Max(1, ex.Start.Line), ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new MalformedYamlException(
                "the YAML reader stopped after this line; look for an unclosed '[', '{' or quote",
                (int)Math.Max(1, parser.LastLine), ex);
        }
    }

    /// <summary>Internal carrier so callers choose how to report (with a file, or as launch text that is not YAML).</summary>
    internal sealed class MalformedYamlException(string message, int line, Exception inner) : Exception(message, inner)
    {
        public int Line { get; } = line;
    }

    private sealed class TrackingParser(IParser inner) : IParser
    {
        public ParsingEvent? Current => inner.Current;

        public long LastLine { get; private set; } = 1;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (moved && inner.Current is { } current)
            {
                LastLine = current.End.Line;
            }

            return moved;
        }
    }
}
