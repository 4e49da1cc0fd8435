namespace Robotics.Sim.MuJoCo.Randomization;

/// <summary>
/// A copy of the model fields that randomization edits, taken before the first edit, so every episode starts from
/// the values in the MJCF file rather than from the last episode's draw.
/// </summary>
public sealed class NominalModel
{
    private readonly MjModel _model;
    private readonly Dictionary<string, double[]> _copies = new(StringComparer.Ordinal);

    public NominalModel(MjModel model, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(fields);
        _model = model;
        foreach (var field in fields)
        {
            _copies[field] = model.Doubles(field).ToArray();
        }
    }

    /// <summary>The nominal values of <paramref name="field"/>.</summary>
    public ReadOnlySpan<double> Of(string field) =>
        _copies.TryGetValue(field, out var copy) ? copy : throw new ArgumentException($"'{field}' is not one of the fields kept nominal ({string.Join(", ", _copies.Keys)})", nameof(field));

    /// <summary>Writes every kept field back into the model.</summary>
    public void Restore()
    {
        foreach (var (field, copy) in _copies)
        {
            copy.CopyTo(_model.Doubles(field));
        }
    }
}
