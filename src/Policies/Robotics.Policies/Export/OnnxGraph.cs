namespace Robotics.Policies.Export;

/// <summary>ONNX tensor element types we write (TensorProto.DataType).</summary>
public enum OnnxElementType
{
    Float = 1,
    Int64 = 7,
}

/// <summary>One dimension of a graph input or output: a fixed size, or a named free one (the batch).</summary>
public readonly record struct OnnxDimension(long Size, string? Symbol = null)
{
    public static implicit operator OnnxDimension(long size) => new(size);

    public static OnnxDimension Named(string symbol) => new(0, symbol);
}

/// <summary>A node attribute: an int, a float or a list of ints.</summary>
public sealed record OnnxAttributeValue(string Name, long? Int = null, float? Float = null, long[]? Ints = null)
{
    public static OnnxAttributeValue Of(string name, long value) => new(name, Int: value);

    public static OnnxAttributeValue Of(string name, float value) => new(name, Float: value);

    public static OnnxAttributeValue Of(string name, long[] values) => new(name, Ints: values);
}

/// <summary>
/// An ONNX graph being built — inputs, outputs, float initializers and nodes — and its serialization as a ModelProto
/// (onnx/onnx.proto, IR version 8, default opset 17 for LayerNormalization). Small on purpose: what exporting our
/// networks needs, written by hand so no protobuf package is involved.
/// </summary>
public sealed class OnnxGraph
{
    // IR version 8 = ONNX 1.10+; ORT 1.29 reads IR ≤ 11 (onnx/onnx docs/Versioning.md).
    private const long IrVersion = 8;

    private readonly List<(string Name, OnnxElementType Type, OnnxDimension[] Shape)> _inputs = [];
    private readonly List<(string Name, OnnxElementType Type, OnnxDimension[] Shape)> _outputs = [];
    private readonly List<(string Name, float[] Data, long[] Dims)> _initializers = [];
    private readonly List<(string Name, long[] Data, long[] Dims)> _int64Initializers = [];
    private readonly List<(string Op, string[] Inputs, string[] Outputs, string Name, OnnxAttributeValue[] Attributes)> _nodes = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public OnnxGraph(string name) => Name = name;

    public string Name { get; }

    /// <summary>Model metadata_props: ONNX Runtime exposes them as the model's custom metadata.</summary>
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public void AddInput(string name, OnnxElementType type, params OnnxDimension[] shape) => _inputs.Add((Unique(name), type, shape));

    public void AddOutput(string name, OnnxElementType type, params OnnxDimension[] shape) => _outputs.Add((name, type, shape));

    /// <summary>A constant float tensor (weights); returns its name for node inputs.</summary>
    public string AddInitializer(string name, ReadOnlySpan<float> data, params long[] dims)
    {
        var count = dims.Aggregate(1L, (a, b) => a * b);
        if (count != data.Length)
        {
            throw new ArgumentException($"initializer {name}: shape [{string.Join(", ", dims)}] holds {count} values, not {data.Length}", nameof(data));
        }

        _initializers.Add((Unique(name), data.ToArray(), dims));
        return name;
    }

    /// <summary>A constant int64 tensor (shapes for Reshape, axes); returns its name.</summary>
    public string AddInitializer(string name, long[] data, params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(data);
        _int64Initializers.Add((Unique(name), data, dims));
        return name;
    }

    /// <summary>Adds a node; its outputs become names later nodes can read.</summary>
    public void AddNode(string opType, string[] inputs, string[] outputs, params OnnxAttributeValue[] attributes)
    {
        foreach (var output in outputs)
        {
            Unique(output);
        }

        _nodes.Add((opType, inputs, outputs, $"{opType}_{_nodes.Count}", attributes));
    }

    public void Save(string path, int opset = 17)
    {
        using var file = File.Create(path);
        Write(file, opset);
    }

    public void Write(Stream destination, int opset = 17)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var model = new ProtobufWriter();
        model.Int64(1, IrVersion);
        model.String(2, "robotics");
        model.String(3, "1");
        model.Message(7, WriteGraph);
        model.Message(8, set =>
        {
            set.String(1, string.Empty);
            set.Int64(2, opset);
        });
        foreach (var (key, value) in Metadata)
        {
            model.Message(14, entry =>
            {
                entry.String(1, key);
                entry.String(2, value);
            });
        }

        model.CopyTo(destination);
    }

    private void WriteGraph(ProtobufWriter graph)
    {
        foreach (var node in _nodes)
        {
            graph.Message(1, n =>
            {
                foreach (var input in node.Inputs)
                {
                    n.String(1, input);
                }

                foreach (var output in node.Outputs)
                {
                    n.String(2, output);
                }

                n.String(3, node.Name);
                n.String(4, node.Op);
                foreach (var attribute in node.Attributes)
                {
                    n.Message(5, a => WriteAttribute(a, attribute));
                }
            });
        }

        graph.String(2, Name);
        foreach (var (name, data, dims) in _initializers)
        {
            graph.Message(5, t =>
            {
                t.PackedInt64(1, dims);
                t.Int64(2, (long)OnnxElementType.Float);
                t.String(8, name);
                var raw = new byte[data.Length * 4];
                Buffer.BlockCopy(data, 0, raw, 0, raw.Length); // raw_data is little-endian, as this machine
                t.Bytes(9, raw);
            });
        }

        foreach (var (name, data, dims) in _int64Initializers)
        {
            graph.Message(5, t =>
            {
                t.PackedInt64(1, dims);
                t.Int64(2, (long)OnnxElementType.Int64);
                t.PackedInt64(7, data);
                t.String(8, name);
            });
        }

        foreach (var value in _inputs)
        {
            graph.Message(11, v => WriteValueInfo(v, value.Name, value.Type, value.Shape));
        }

        foreach (var value in _outputs)
        {
            graph.Message(12, v => WriteValueInfo(v, value.Name, value.Type, value.Shape));
        }
    }

    private static void WriteAttribute(ProtobufWriter a, OnnxAttributeValue attribute)
    {
        a.String(1, attribute.Name);
        if (attribute.Float is { } f)
        {
            a.Float(2, f);
            a.Int64(20, 1); // AttributeType.FLOAT
        }
        else if (attribute.Int is { } i)
        {
            a.Int64(3, i);
            a.Int64(20, 2); // INT
        }
        else if (attribute.Ints is { } ints)
        {
            a.PackedInt64(8, ints);
            a.Int64(20, 7); // INTS
        }
    }

    private static void WriteValueInfo(ProtobufWriter v, string name, OnnxElementType type, OnnxDimension[] shape)
    {
        v.String(1, name);
        v.Message(2, typeProto => typeProto.Message(1, tensor =>
        {
            tensor.Int64(1, (long)type);
            tensor.Message(2, s =>
            {
                foreach (var dim in shape)
                {
                    s.Message(1, d =>
                    {
                        if (dim.Symbol is { } symbol)
                        {
                            d.String(2, symbol);
                        }
                        else
                        {
                            d.Int64(1, dim.Size);
                        }
                    });
                }
            });
        }));
    }

    private string Unique(string name) =>
        _names.Add(name) ? name : throw new ArgumentException($"the name '{name}' is used twice in graph {Name}", nameof(name));
}
