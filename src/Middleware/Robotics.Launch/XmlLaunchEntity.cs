using System.Xml;
using System.Xml.Linq;

namespace Robotics.Launch;

/// <summary>An XML element of a launch_xml file; attributes and child elements map directly.</summary>
internal sealed class XmlLaunchEntity(XElement element, string file)
    : LaunchEntity(element.Name.LocalName, new SourceLocation(file, LineOf(element)))
{
    public override string? GetText(string attribute) => element.Attribute(attribute)?.Value;

    public override IReadOnlyList<string>? GetTextList(string attribute) => null;

    public override SourceLocation LocationOf(string attribute) =>
        element.Attribute(attribute) is { } found ? new SourceLocation(file, LineOf(found)) : Location;

    public override IReadOnlyList<LaunchEntity> GetChildren(string kind) =>
        [.. element.Elements().Where(e => e.Name.LocalName == kind).Select(e => new XmlLaunchEntity(e, file))];

    public override IReadOnlyList<LaunchEntity> GetActions() =>
        [.. element.Elements().Select(e => new XmlLaunchEntity(e, file))];

    public override void Validate(EntitySchema schema)
    {
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
        {
            if (!schema.Allows(attribute.Name.LocalName))
            {
                throw UnknownAttribute(attribute.Name.LocalName, new SourceLocation(file, LineOf(attribute)), schema, includeChildren: false);
            }
        }

        if (element.Nodes().OfType<XText>().FirstOrDefault(t => !string.IsNullOrWhiteSpace(t.Value)) is { } text)
        {
            throw new LaunchException(new SourceLocation(file, LineOf(text)),
                $"unexpected text '{text.Value.Trim()}' inside '{TypeName}' (launch XML uses attributes, not element text)");
        }

        if (schema.HasActions)
        {
            return; // the children are actions, checked one by one against their own schemas
        }

        foreach (var child in element.Elements())
        {
            if (!schema.Children.ContainsKey(child.Name.LocalName))
            {
                var allowed = schema.Children.Count == 0 ? "it takes none" : "allowed: " + string.Join(", ", schema.Children.Keys);
                throw new LaunchException(new SourceLocation(file, LineOf(child)),
                    $"unknown element '{child.Name.LocalName}' inside '{TypeName}' ({allowed})");
            }
        }
    }

    private static int LineOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 1;
}
