using Microsoft.ML.OnnxRuntime;
using Robotics.Policies.Inference;

namespace Robotics.Policies.Onnx;

/// <summary>
/// Every input and output of a session bound once (OrtIoBinding) to OrtValues over our own arrays: a tick writes
/// the inputs in place, runs, and reads the outputs in place — no OrtValue, array or name list is made per run.
/// </summary>
internal sealed class OnnxModelBinding : IModelBinding
{
    private readonly OnnxPolicyModel _model;
    private readonly Dictionary<string, float[]> _floats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long[]> _longs = new(StringComparer.Ordinal);
    private readonly List<OrtValue> _values = [];
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _run = new();

    public OnnxModelBinding(OnnxPolicyModel model, IReadOnlyDictionary<string, long[]> shapes)
    {
        _model = model;
        _binding = model.Session.CreateIoBinding();
        try
        {
            foreach (var spec in model.Signature.Inputs)
            {
                _binding.BindInput(spec.Name, Value(spec, ModelShapes.Resolve(spec, shapes)));
            }

            foreach (var spec in model.Signature.Outputs)
            {
                _binding.BindOutput(spec.Name, Value(spec, ModelShapes.Resolve(spec, shapes)));
            }
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
            _model.Session.RunWithBinding(_run, _binding);
        }
        catch (OnnxRuntimeException e)
        {
            throw OnnxErrors.RunFailed(_model.Path, e);
        }
    }

    public void Dispose()
    {
        _binding.Dispose();
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
