using Microsoft.ML.OnnxRuntime;
using Robotics.Policies.Inference;

namespace Robotics.Policies.Onnx;

/// <summary>
/// Every input and output of a session as an OrtValue over our own arrays, made once: a tick writes the inputs in
/// place, runs, and reads the outputs in place — no OrtValue, array or name list is made per run. Run with
/// preallocated outputs rather than an OrtIoBinding: on the CPU provider the binding's run cost 3 µs more per call
/// here (bench policy: 17.9 vs 15.0 µs on the 12→256→256→60 MLP); a GPU build would bind device memory instead.
/// </summary>
internal sealed class OnnxModelBinding : IModelBinding
{
    private readonly OnnxPolicyModel _model;
    private readonly Dictionary<string, float[]> _floats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long[]> _longs = new(StringComparer.Ordinal);
    private readonly List<OrtValue> _values = [];
    private readonly string[] _inputNames;
    private readonly OrtValue[] _inputs;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _outputs;
    private readonly RunOptions _run = new();

    public OnnxModelBinding(OnnxPolicyModel model, IReadOnlyDictionary<string, long[]> shapes)
    {
        _model = model;
        _inputNames = [.. model.Signature.Inputs.Select(i => i.Name)];
        _outputNames = [.. model.Signature.Outputs.Select(o => o.Name)];
        try
        {
            _inputs = [.. model.Signature.Inputs.Select(spec => Value(spec, ModelShapes.Resolve(spec, shapes)))];
            _outputs = [.. model.Signature.Outputs.Select(spec => Value(spec, ModelShapes.Resolve(spec, shapes)))];
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public Span<float> Floats(string name) =>
        _floats.TryGetValue(name, out var buffer) ? buffer : throw new KeyNotFoundException($"the model has no float32 tensor {name}");

    public Span<long> Int64s(string name) =>
        _longs.TryGetValue(name, out var buffer) ? buffer : throw new KeyNotFoundException($"the model has no int64 tensor {name}");

    public void Run()
    {
        try
        {
            _model.Session.Run(_run, _inputNames, _inputs, _outputNames, _outputs);
        }
        catch (OnnxRuntimeException e)
        {
            throw OnnxErrors.RunFailed(_model.Path, e);
        }
    }

    public void Dispose()
    {
        _run.Dispose();
        foreach (var value in _values)
        {
            value.Dispose();
        }
    }

    private OrtValue Value(TensorSpec spec, long[] shape)
    {
        var count = checked((int)ModelShapes.Count(shape));
        OrtValue value;
        if (spec.Element == TensorElement.Float32)
        {
            var data = new float[count];
            _floats[spec.Name] = data;
            value = OrtValue.CreateTensorValueFromMemory(data, shape);
        }
        else
        {
            var data = new long[count];
            _longs[spec.Name] = data;
            value = OrtValue.CreateTensorValueFromMemory(data, shape);
        }

        _values.Add(value);
        return value;
    }
}
