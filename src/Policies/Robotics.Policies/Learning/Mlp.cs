namespace Robotics.Policies.Learning;

/// <summary>
/// A feed-forward network: a chain of <see cref="Layer"/>s that keeps every activation of the last
/// <see cref="Forward(ReadOnlySpan{float}, int)"/> for <see cref="Backward"/>. Buffers grow to the largest batch seen
/// and are reused, so a training step allocates nothing. One network is not thread-safe, but different networks (the
/// members of a critic ensemble) may run on different threads at once: the matrix-product scratch is per thread.
/// </summary>
public sealed class Mlp
{
    private readonly Layer[] _layers;
    private readonly Parameter[] _parameters;
    private readonly int _widest;
    private float[][] _activations = [];
    private float[] _gradientA = [];
    private float[] _gradientB = [];
    private int _batch = -1;

    /// <summary>Chains <paramref name="layers"/>; each layer's input size must equal the previous layer's output size.</summary>
    public Mlp(IEnumerable<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = [.. layers];
        if (_layers.Length == 0)
        {
            throw new ArgumentException("An Mlp needs at least one layer.", nameof(layers));
        }

        for (var i = 1; i < _layers.Length; i++)
        {
            if (_layers[i].InputSize != _layers[i - 1].OutputSize)
            {
                throw new ArgumentException($"Layer {i} ({_layers[i].Kind}) takes {_layers[i].InputSize} features but layer {i - 1} ({_layers[i - 1].Kind}) gives {_layers[i - 1].OutputSize}.", nameof(layers));
            }
        }

        _parameters = [.. _layers.SelectMany(l => l.Parameters)];
        _widest = _layers.Max(l => Math.Max(l.InputSize, l.OutputSize));
        Layers = Array.AsReadOnly(_layers);
        Parameters = Array.AsReadOnly(_parameters);
    }

    /// <summary>The layers in order, for exporters and inspection.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Every parameter in layer order (weight before bias, γ before β).</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Features per input row.</summary>
    public int InputSize => _layers[0].InputSize;

    /// <summary>Features per output row.</summary>
    public int OutputSize => _layers[^1].OutputSize;

    /// <summary>Total learnable scalars.</summary>
    public int ParameterCount => _parameters.Sum(p => p.Length);

    /// <summary>
    /// Dense → [LayerNorm] → activation per hidden width, then Dense → [output activation]. Initialisation as PyTorch's
    /// nn.Linear; <paramref name="zeroOutputLayer"/> zeroes the last Dense (a residual actor starts as the identity on
    /// the base action).
    /// </summary>
    public static Mlp Create(int inputs, ReadOnlySpan<int> hidden, int outputs, Rng rng, bool layerNorm = false, Activation activation = Activation.Relu, Activation outputActivation = Activation.None, bool zeroOutputLayer = false)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var layers = new List<Layer>();
        var width = inputs;
        foreach (var size in hidden)
        {
            layers.Add(new Dense(width, size, rng));
            if (layerNorm)
            {
                layers.Add(new LayerNorm(size));
            }

            AddActivation(layers, activation, size);
            width = size;
        }

        layers.Add(zeroOutputLayer ? Dense.Zeros(width, outputs) : new Dense(width, outputs, rng));
        AddActivation(layers, outputActivation, outputs);
        return new Mlp(layers);
    }

    /// <summary>
    /// Runs <paramref name="batch"/> rows of <paramref name="input"/> ([batch, InputSize], copied) and returns the
    /// output [batch, OutputSize], a view of an internal buffer valid until the next Forward.
    /// </summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        if (input.Length != batch * InputSize)
        {
            throw new ArgumentException($"Input has {input.Length} floats; {batch} rows of {InputSize} need {batch * InputSize}.", nameof(input));
        }

        Reserve(batch);
        input.CopyTo(_activations[0]);
        for (var i = 0; i < _layers.Length; i++)
        {
            _layers[i].Forward(_activations[i], _activations[i + 1], batch);
        }

        _batch = batch;
        return _activations[^1].AsSpan(0, batch * OutputSize);
    }

    /// <summary>Forward into a caller's buffer of [batch, OutputSize].</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) => Forward(input, batch).CopyTo(output);

    /// <summary>
    /// Backpropagates dL/dOutput ([batch, OutputSize] of the last Forward): adds parameter gradients (unless
    /// <paramref name="accumulateParameterGradients"/> is false, as when a TD3 actor only needs dQ/da through a critic)
    /// and, when <paramref name="inputGradient"/> is not empty, writes dL/dInput there ([batch, InputSize]).
    /// </summary>
    public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient = default, bool accumulateParameterGradients = true)
    {
        if (_batch < 0)
        {
            throw new InvalidOperationException("Backward needs a Forward first.");
        }

        var batch = _batch;
        if (outputGradient.Length != batch * OutputSize)
        {
            throw new ArgumentException($"Output gradient has {outputGradient.Length} floats; the last Forward had {batch} rows of {OutputSize}.", nameof(outputGradient));
        }

        if (!inputGradient.IsEmpty && inputGradient.Length != batch * InputSize)
        {
            throw new ArgumentException($"Input gradient has {inputGradient.Length} floats; the last Forward had {batch} rows of {InputSize}.", nameof(inputGradient));
        }

        var upstream = outputGradient;
        for (var i = _layers.Length - 1; i >= 0; i--)
        {
            var downstream = i == 0 ? inputGradient : (i % 2 == 0 ? _gradientA : _gradientB).AsSpan(0, batch * _layers[i].InputSize);
            _layers[i].Backward(_activations[i], _activations[i + 1], upstream, downstream, batch, accumulateParameterGradients);
            upstream = downstream;
        }
    }

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            parameter.ZeroGrad();
        }
    }

    /// <summary>A deep copy with the same layers and values (a target network), gradients zero.</summary>
    public Mlp Clone()
    {
        var copy = new Mlp(_layers.Select(CloneLayer));
        copy.CopyParametersFrom(this);
        return copy;
    }

    /// <summary>Copies every parameter value from a network of identical structure.</summary>
    public void CopyParametersFrom(Mlp source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Polyak.Copy(Parameters, source.Parameters);
    }

    /// <summary>"Dense 26→256, Relu 256, …".</summary>
    public override string ToString() => string.Join(", ", _layers.Select(l => l is Dense ? $"Dense {l.InputSize}→{l.OutputSize}" : $"{l.Kind} {l.OutputSize}"));

    private static void AddActivation(List<Layer> layers, Activation activation, int size)
    {
        switch (activation)
        {
            case Activation.None:
                break;
            case Activation.Relu:
                layers.Add(new Relu(size));
                break;
            case Activation.Tanh:
                layers.Add(new Tanh(size));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    private static Layer CloneLayer(Layer layer) => layer switch
    {
        Dense d => Dense.Zeros(d.InputSize, d.OutputSize),
        LayerNorm n => new LayerNorm(n.Size, n.Epsilon),
        Relu r => new Relu(r.Size),
        Tanh t => new Tanh(t.Size),
        _ => throw new NotSupportedException($"Clone does not know layer type {layer.GetType().Name}."),
    };

    private void Reserve(int batch)
    {
        if (_activations.Length > 0 && _activations[0].Length >= batch * InputSize)
        {
            return;
        }

        _activations = new float[_layers.Length + 1][];
        _activations[0] = new float[batch * InputSize];
        for (var i = 0; i < _layers.Length; i++)
        {
            _activations[i + 1] = new float[batch * _layers[i].OutputSize];
        }

        _gradientA = new float[batch * _widest];
        _gradientB = new float[batch * _widest];
    }
}
