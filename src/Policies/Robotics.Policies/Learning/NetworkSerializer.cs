using System.Text;

namespace Robotics.Policies.Learning;

/// <summary>
/// Saves and loads an <see cref="Mlp"/> (and optionally its <see cref="Adam"/> state) in a small binary format that
/// rebuilds the network from the file alone. All fields little-endian:
/// <code>
/// "RNET"                      4 bytes magic
/// uint32 version              1
/// int32  layerCount
/// per layer: uint8 kind (LayerKind), int32 inputs, int32 outputs, then
///   Dense:     float32[outputs·inputs] weight (row-major [outputs, inputs]), float32[outputs] bias
///   LayerNorm: float32 epsilon, float32[size] gamma, float32[size] beta
///   Relu/Tanh: nothing
/// uint8  optimizer            0 none, 1 Adam
///   Adam: float32 learningRate (options), learningRate (current), beta1, beta2, epsilon, weightDecay,
///         maxGradientNorm (NaN = none); int64 stepCount; int32 parameterCount;
///         per parameter: int32 length, float32[length] m, float32[length] v
/// uint32 CRC-32 (IEEE) of every byte before it
/// </code>
/// Errors are <see cref="InvalidDataException"/>s that name what was wrong: the magic, the version, the field a
/// truncated file ends in, an implausible size, the layer whose shape differs, or a checksum mismatch.
/// </summary>
public static class NetworkSerializer
{
    /// <summary>The version this code writes and the only one it reads.</summary>
    public const int Version = 1;

    // Caps that reject garbage before it turns into a multi-gigabyte allocation; far above any network trained here.
    private const int MaxLayers = 4096;
    private const int MaxFeatures = 1 << 20;
    private const long MaxWeights = 1L << 28;
    private static readonly byte[] Magic = "RNET"u8.ToArray();

    /// <summary>Writes <paramref name="network"/> and, if given, <paramref name="optimizer"/>'s state (which must be over the network's parameters).</summary>
    public static void Save(Stream stream, Mlp network, Adam? optimizer = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(network);
        if (optimizer is not null && !optimizer.Parameters.SequenceEqual(network.Parameters))
        {
            throw new ArgumentException("The optimizer does not update exactly this network's parameters, in order.", nameof(optimizer));
        }

        var w = new NetworkFileWriter(stream);
        w.Put(Magic);
        w.Write((uint)Version);
        w.Write(network.Layers.Count);
        foreach (var layer in network.Layers)
        {
            w.Write((byte)layer.Kind);
            w.Write(layer.InputSize);
            w.Write(layer.OutputSize);
            switch (layer)
            {
                case Dense dense:
                    w.Write(dense.Weight.Value);
                    w.Write(dense.Bias.Value);
                    break;
                case LayerNorm norm:
                    w.Write(norm.Epsilon);
                    w.Write(norm.Gamma.Value);
                    w.Write(norm.Beta.Value);
                    break;
                case Relu or Tanh:
                    break;
                default:
                    throw new NotSupportedException($"The network format has no encoding for layer type {layer.GetType().Name}.");
            }
        }

        w.Write((byte)(optimizer is null ? 0 : 1));
        if (optimizer is not null)
        {
            var o = optimizer.Options;
            w.Write(o.LearningRate);
            w.Write(optimizer.LearningRate);
            w.Write(o.Beta1);
            w.Write(o.Beta2);
            w.Write(o.Epsilon);
            w.Write(o.WeightDecay);
            w.Write(o.MaxGradientNorm ?? float.NaN);
            w.Write(optimizer.StepCount);
            w.Write(optimizer.Parameters.Count);
            for (var i = 0; i < optimizer.Parameters.Count; i++)
            {
                w.Write(optimizer.Parameters[i].Length);
                w.Write(optimizer.FirstMoments[i]);
                w.Write(optimizer.SecondMoments[i]);
            }
        }

        w.Write(w.Crc);
    }

    /// <summary>Rebuilds the network stored in <paramref name="stream"/>; optimizer state, if present, is checked and dropped.</summary>
    public static Mlp Load(Stream stream) => Load(stream, out _);

    /// <summary>Rebuilds the network and, if the file has one, an <see cref="Adam"/> over it with the stored options, step count and moments.</summary>
    public static Mlp Load(Stream stream, out Adam? optimizer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var r = new NetworkFileReader(stream);
        var header = new byte[4];
        r.Fill(header, "the magic");
        if (!header.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"Not a network file: magic is \"{Printable(header)}\", expected \"RNET\".");
        }

        var version = r.ReadUInt32("the version");
        if (version != Version)
        {
            throw new InvalidDataException($"Network file version {version} is not supported (this code reads version {Version}).");
        }

        var count = r.ReadInt32("the layer count");
        if (count is < 1 or > MaxLayers)
        {
            throw new InvalidDataException($"Network file has an implausible layer count {count} (1 to {MaxLayers}).");
        }

        var layers = new Layer[count];
        for (var i = 0; i < count; i++)
        {
            layers[i] = ReadLayer(r, i);
        }

        Mlp network;
        try
        {
            network = new Mlp(layers);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Network file layers do not chain: {e.Message}", e);
        }

        optimizer = r.ReadByte("the optimizer flag") switch
        {
            0 => null,
            1 => ReadAdam(r, network),
            var other => throw new InvalidDataException($"Network file has unknown optimizer kind {other} (0 none, 1 Adam)."),
        };
        var computed = r.Crc;
        var stored = r.ReadTrailer();
        if (stored != computed)
        {
            throw new InvalidDataException($"Network file is corrupt: CRC-32 is 0x{computed:X8} but the file says 0x{stored:X8}.");
        }

        return network;
    }

    /// <summary>
    /// Loads weights (and, if <paramref name="optimizer"/> is given, its step count and moments, keeping its options)
    /// into an existing network of the same structure: the resume path, where the network is built from config.
    /// </summary>
    public static void LoadInto(Stream stream, Mlp network, Adam? optimizer = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var loaded = Load(stream, out var loadedOptimizer);
        CheckSameStructure(loaded, network);
        Polyak.Copy(network, loaded);
        if (optimizer is null)
        {
            return;
        }

        if (loadedOptimizer is null)
        {
            throw new InvalidDataException("Network file has no optimizer state to load into the given Adam.");
        }

        if (!optimizer.Parameters.SequenceEqual(network.Parameters))
        {
            throw new ArgumentException("The optimizer does not update exactly this network's parameters, in order.", nameof(optimizer));
        }

        for (var i = 0; i < network.Parameters.Count; i++)
        {
            loadedOptimizer.FirstMoments[i].CopyTo(optimizer.FirstMoments[i], 0);
            loadedOptimizer.SecondMoments[i].CopyTo(optimizer.SecondMoments[i], 0);
        }

        optimizer.RestoreStepCount(loadedOptimizer.StepCount);
    }

    private static Layer ReadLayer(NetworkFileReader r, int index)
    {
        var at = $"layer {index}";
        var kind = (LayerKind)r.ReadByte($"the kind of {at}");
        var inputs = r.ReadInt32($"the input size of {at}");
        var outputs = r.ReadInt32($"the output size of {at}");
        if (inputs is < 1 or > MaxFeatures || outputs is < 1 or > MaxFeatures || (long)inputs * outputs > MaxWeights)
        {
            throw new InvalidDataException($"Network file {at} ({kind}) has implausible sizes {inputs}→{outputs}.");
        }

        if (kind is LayerKind.LayerNorm or LayerKind.Relu or LayerKind.Tanh && inputs != outputs)
        {
            throw new InvalidDataException($"Network file {at} ({kind}) maps {inputs}→{outputs}; it must keep its size.");
        }

        switch (kind)
        {
            case LayerKind.Dense:
                var dense = Dense.Zeros(inputs, outputs);
                r.ReadSingles(dense.Weight.Value, $"the weight of {at} (Dense {inputs}→{outputs})");
                r.ReadSingles(dense.Bias.Value, $"the bias of {at} (Dense {inputs}→{outputs})");
                return dense;
            case LayerKind.LayerNorm:
                var epsilon = r.ReadSingle($"the epsilon of {at} (LayerNorm {inputs})");
                if (!(epsilon > 0) || !float.IsFinite(epsilon))
                {
                    throw new InvalidDataException($"Network file {at} (LayerNorm) has epsilon {epsilon}; it must be finite and > 0.");
                }

                var norm = new LayerNorm(inputs, epsilon);
                r.ReadSingles(norm.Gamma.Value, $"gamma of {at} (LayerNorm {inputs})");
                r.ReadSingles(norm.Beta.Value, $"beta of {at} (LayerNorm {inputs})");
                return norm;
            case LayerKind.Relu:
                return new Relu(inputs);
            case LayerKind.Tanh:
                return new Tanh(inputs);
            default:
                throw new InvalidDataException($"Network file {at} has unknown layer kind {(byte)kind}.");
        }
    }

    private static Adam ReadAdam(NetworkFileReader r, Mlp network)
    {
        try
        {
            var options = new AdamOptions
            {
                LearningRate = r.ReadSingle("the Adam learning rate"),
            };
            var current = r.ReadSingle("the current Adam learning rate");
            options = options with
            {
                Beta1 = r.ReadSingle("Adam beta1"),
                Beta2 = r.ReadSingle("Adam beta2"),
                Epsilon = r.ReadSingle("Adam epsilon"),
                WeightDecay = r.ReadSingle("Adam weight decay"),
            };
            var clip = r.ReadSingle("the Adam clip norm");
            options = options with { MaxGradientNorm = float.IsNaN(clip) ? null : clip };
            var adam = new Adam(network.Parameters, options) { LearningRate = current };
            var steps = r.ReadInt64("the Adam step count");
            if (steps < 0)
            {
                throw new InvalidDataException($"Network file has a negative Adam step count {steps}.");
            }

            adam.RestoreStepCount(steps);
            var count = r.ReadInt32("the Adam parameter count");
            if (count != network.Parameters.Count)
            {
                throw new InvalidDataException($"Network file has Adam state for {count} parameters; the network has {network.Parameters.Count}.");
            }

            for (var i = 0; i < count; i++)
            {
                var length = r.ReadInt32($"the length of Adam parameter {i}");
                if (length != network.Parameters[i].Length)
                {
                    throw new InvalidDataException($"Network file Adam parameter {i} has {length} elements; the network's {network.Parameters[i]} has {network.Parameters[i].Length}.");
                }

                r.ReadSingles(adam.FirstMoments[i], $"Adam first moments of parameter {i}");
                r.ReadSingles(adam.SecondMoments[i], $"Adam second moments of parameter {i}");
            }

            return adam;
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException($"Network file has invalid Adam options: {e.Message}", e);
        }
    }

    /// <summary>
    /// Null when <paramref name="file"/> has exactly <paramref name="network"/>'s layers (kinds, sizes, LayerNorm
    /// epsilons), so its values can be copied in; otherwise the first difference, in words.
    /// </summary>
    internal static string? StructureDifference(Mlp file, Mlp network)
    {
        if (file.Layers.Count != network.Layers.Count)
        {
            return $"Network file has {file.Layers.Count} layers ({file}); the network has {network.Layers.Count} ({network}).";
        }

        for (var i = 0; i < file.Layers.Count; i++)
        {
            var (a, b) = (file.Layers[i], network.Layers[i]);
            var sameEpsilon = a is not LayerNorm na || b is not LayerNorm nb || na.Epsilon == nb.Epsilon;
            if (a.Kind != b.Kind || a.InputSize != b.InputSize || a.OutputSize != b.OutputSize || !sameEpsilon)
            {
                return $"Network file layer {i} is {Describe(a)}; the network's layer {i} is {Describe(b)}.";
            }
        }

        return null;
    }

    private static void CheckSameStructure(Mlp file, Mlp network)
    {
        if (StructureDifference(file, network) is { } difference)
        {
            throw new InvalidDataException(difference);
        }
    }

    private static string Describe(Layer layer) => layer switch
    {
        LayerNorm n => $"LayerNorm {n.Size} (eps {n.Epsilon})",
        _ => $"{layer.Kind} {layer.InputSize}→{layer.OutputSize}",
    };

    private static string Printable(byte[] bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        }

        return text.ToString();
    }
}
