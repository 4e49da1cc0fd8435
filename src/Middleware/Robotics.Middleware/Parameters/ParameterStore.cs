using Robotics.Messages.RclInterfaces;

namespace Robotics.Middleware.Parameters;

/// <summary>
/// The parameters of one node, with rclcpp's rules: declare before use (type, range, read-only), overrides from the
/// command line or launch win over defaults, every set is validated and may be rejected by on-set callbacks, and
/// every change is announced as a rcl_interfaces/ParameterEvent.
/// </summary>
public sealed class ParameterStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (ParameterValue Value, ParameterType Type, ParameterDescriptor Descriptor)> _parameters = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, ParameterValue> _overrides;
    private readonly List<Func<IReadOnlyList<(string Name, ParameterValue Value)>, SetParametersResult>> _validators = [];
    private readonly Action<ParameterEvent> _publishEvent;

    internal ParameterStore(IReadOnlyDictionary<string, ParameterValue> overrides, Action<ParameterEvent> publishEvent)
    {
        _overrides = overrides;
        _publishEvent = publishEvent;
    }

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_lock)
            {
                return [.. _parameters.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>
    /// Declares a parameter. An override given for it (launch file, <c>-p</c>, params file) replaces the default,
    /// after the same validation as a set; an invalid one throws naming the parameter, so a node never starts
    /// with a value it would have rejected.
    /// </summary>
    public ParameterValue Declare(string name, object defaultValue, ParameterDescriptor? descriptor = null)
    {
        descriptor ??= new ParameterDescriptor();
        var value = ParameterValue.From(defaultValue);
        var declaredType = value.Type;
        var source = "default";
        if (_overrides.TryGetValue(name, out var overridden))
        {
            value = Coerce(overridden, declaredType);
            source = "override";
        }

        lock (_lock)
        {
            if (_parameters.ContainsKey(name))
            {
                throw new ParameterException($"parameter '{name}' is already declared");
            }

            var error = Validate(name, value, declaredType, descriptor with { ReadOnly = false });
            if (error is not null)
            {
                throw new ParameterException($"{error} ({source} value)");
            }

            _parameters[name] = (value, descriptor.DynamicTyping ? ParameterType.NotSet : declaredType, descriptor);
        }

        _publishEvent(new ParameterEvent { NewParameters = [value.ToParameter(name)] });
        return value;
    }

    /// <summary>Declares with a typed default and returns the effective typed value.</summary>
    public T Declare<T>(string name, T defaultValue, ParameterDescriptor? descriptor = null)
        where T : notnull
    {
        var value = Declare(name, (object)defaultValue, descriptor);
        if (value.Value is T same)
        {
            return same;
        }

        // int[] defaults are stored as long[] (ROS integers are 64-bit): convert element by element.
        return typeof(T).IsArray && value.Value is Array stored
            ? (T)(object)ToArray(stored, typeof(T).GetElementType()!)
            : (T)Convert.ChangeType(value.Value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Array ToArray(Array source, Type elementType)
    {
        var result = Array.CreateInstance(elementType, source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            result.SetValue(Convert.ChangeType(source.GetValue(i), elementType, System.Globalization.CultureInfo.InvariantCulture), i);
        }

        return result;
    }

    public bool IsDeclared(string name)
    {
        lock (_lock)
        {
            return _parameters.ContainsKey(name);
        }
    }

    public ParameterValue Get(string name)
    {
        lock (_lock)
        {
            return _parameters.TryGetValue(name, out var entry)
                ? entry.Value
                : throw new ParameterException($"parameter '{name}' is not declared (declare it before reading it)");
        }
    }

    public bool TryGet(string name, out ParameterValue value)
    {
        lock (_lock)
        {
            var found = _parameters.TryGetValue(name, out var entry);
            value = entry.Value;
            return found;
        }
    }

    public ParameterDescriptor Describe(string name)
    {
        lock (_lock)
        {
            return _parameters.TryGetValue(name, out var entry) ? entry.Descriptor : throw new ParameterException($"parameter '{name}' is not declared");
        }
    }

    /// <summary>Adds a validator run before every set; returning a rejection stops the whole set (rclcpp on-set callback).</summary>
    public IDisposable AddOnSetCallback(Func<IReadOnlyList<(string Name, ParameterValue Value)>, SetParametersResult> callback)
    {
        lock (_lock)
        {
            _validators.Add(callback);
        }

        return new Unregister(() =>
        {
            lock (_lock)
            {
                _validators.Remove(callback);
            }
        });
    }

    public SetParametersResult Set(string name, object? value) => SetAtomically([(name, ParameterValue.From(value))]);

    /// <summary>Sets all or none (set_parameters_atomically).</summary>
    public SetParametersResult SetAtomically(IReadOnlyList<(string Name, ParameterValue Value)> changes)
    {
        List<Func<IReadOnlyList<(string Name, ParameterValue Value)>, SetParametersResult>> validators;
        lock (_lock)
        {
            foreach (var (name, value) in changes)
            {
                if (!_parameters.TryGetValue(name, out var entry))
                {
                    return SetParametersResult.Reject($"parameter '{name}' is not declared");
                }

                var error = Validate(name, value, entry.Type, entry.Descriptor);
                if (error is not null)
                {
                    return SetParametersResult.Reject(error);
                }
            }

            validators = [.. _validators];
        }

        foreach (var validator in validators)
        {
            var verdict = validator(changes);
            if (!verdict.Successful)
            {
                return verdict;
            }
        }

        var changed = new List<Parameter>();
        lock (_lock)
        {
            foreach (var (name, value) in changes)
            {
                var entry = _parameters[name];
                _parameters[name] = (value, entry.Type, entry.Descriptor);
                changed.Add(value.ToParameter(name));
            }
        }

        _publishEvent(new ParameterEvent { ChangedParameters = [.. changed] });
        return SetParametersResult.Success;
    }

    public void Undeclare(string name)
    {
        ParameterValue old;
        lock (_lock)
        {
            if (!_parameters.Remove(name, out var entry))
            {
                throw new ParameterException($"parameter '{name}' is not declared");
            }

            if (entry.Descriptor.ReadOnly)
            {
                _parameters[name] = entry;
                throw new ParameterException($"parameter '{name}' is read-only and cannot be undeclared");
            }

            old = entry.Value;
        }

        _publishEvent(new ParameterEvent { DeletedParameters = [old.ToParameter(name)] });
    }

    private static string? Validate(string name, ParameterValue value, ParameterType declaredType, ParameterDescriptor descriptor)
    {
        if (descriptor.ReadOnly)
        {
            return $"parameter '{name}' is read-only";
        }

        if (!descriptor.DynamicTyping && declaredType != ParameterType.NotSet && value.Type != declaredType)
        {
            return $"parameter '{name}' is of type {ParameterValue.TypeName(declaredType)}, cannot set it to a {ParameterValue.TypeName(value.Type)} ('{value}')";
        }

        if (descriptor.IntegerRange is { } ints && value.Type == ParameterType.Integer && !ints.Contains(value.AsInteger()))
        {
            return $"parameter '{name}': {value} is outside {ints}";
        }

        if (descriptor.FloatingPointRange is { } doubles && value.Type == ParameterType.Double && !doubles.Contains(value.AsDouble()))
        {
            return $"parameter '{name}': {value} is outside {doubles}";
        }

        if (value.Type == ParameterType.Double && !double.IsFinite(value.AsDouble()) && descriptor.FloatingPointRange is not null)
        {
            return $"parameter '{name}': {value} is not finite";
        }

        return null;
    }

    // A launch file or YAML params file writing "1" for a double parameter means 1.0; rclcpp rejects it at start-up,
    // which surprises users, so overrides (only) widen integers to doubles. Runtime sets stay strictly typed.
    private static ParameterValue Coerce(ParameterValue value, ParameterType wanted) =>
        wanted == ParameterType.Double && value.Type == ParameterType.Integer ? ParameterValue.From((double)value.AsInteger())
        : wanted == ParameterType.DoubleArray && value.Type == ParameterType.IntegerArray ? ParameterValue.From(value.AsDoubleArray())
        : value;

    private sealed class Unregister(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
