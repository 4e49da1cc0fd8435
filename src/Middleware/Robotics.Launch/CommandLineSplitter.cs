using System.Text;

namespace Robotics.Launch;

/// <summary>Splits a node's <c>args</c> attribute into arguments: whitespace separates, single or double quotes group.</summary>
internal static class CommandLineSplitter
{
    public static List<string> Split(string text)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var inToken = false;
        var quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inToken = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inToken)
                {
                    result.Add(current.ToString());
                    current.Clear();
                    inToken = false;
                }
            }
            else
            {
                current.Append(c);
                inToken = true;
            }
        }

        if (inToken)
        {
            result.Add(current.ToString());
        }

        return result;
    }
}
