using System.Collections;

namespace Robotics.Launch;

/// <summary>
/// The read-only list behind every list in the model. It compares element by element, so records that hold
/// lists (a <see cref="NodeLaunch"/>, a <see cref="RosArguments"/>) have value equality like their scalar fields,
/// and it prints its elements so a failed comparison shows what differs.
/// </summary>
internal sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    private ValueList(T[] items)
    {
        _items = items;
    }

    public static ValueList<T> Empty { get; } = new([]);

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public static ValueList<T> From(IEnumerable<T>? items)
    {
        if (items is null)
        {
            return Empty;
        }

        if (items is ValueList<T> list)
        {
            return list;
        }

        var array = items.ToArray();
        return array.Length == 0 ? Empty : new ValueList<T>(array);
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(ValueList<T>? other) =>
        other is not null && _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
