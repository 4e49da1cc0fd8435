namespace Robotics.Policies.Text.PreTokenizers;

/// <summary>
/// The pieces of text between pre-tokenization steps, packed in one reusable character buffer so that splitting
/// a sentence into words allocates nothing once the buffers have grown. Not thread-safe: each thread rents its own.
/// </summary>
internal sealed class PieceList
{
    [ThreadStatic]
    private static Stack<PieceList>? _pool;

    private char[] _chars = new char[256];
    private (int Start, int Length, bool AtTextStart)[] _pieces = new (int, int, bool)[32];
    private int _charCount;

    public int Count { get; private set; }

    public ReadOnlySpan<char> this[int index] => _chars.AsSpan(_pieces[index].Start, _pieces[index].Length);

    /// <summary>Whether the piece begins the original text (Metaspace's <c>prepend_scheme: first</c> asks).</summary>
    public bool AtTextStart(int index) => _pieces[index].AtTextStart;

    public static PieceList Rent()
    {
        var pool = _pool ??= new Stack<PieceList>();
        var list = pool.Count > 0 ? pool.Pop() : new PieceList();
        list.Clear();
        return list;
    }

    public static void Return(PieceList list) => (_pool ??= new Stack<PieceList>()).Push(list);

    public void Clear()
    {
        Count = 0;
        _charCount = 0;
    }

    /// <summary>Copies a piece in; empty pieces are dropped, as the Rust crate drops them after every split.</summary>
    public void Add(ReadOnlySpan<char> piece, bool atTextStart)
    {
        if (!piece.IsEmpty)
        {
            piece.CopyTo(Reserve(piece.Length, atTextStart));
        }
    }

    /// <summary>Appends a piece of the given length and returns its characters to fill in.</summary>
    public Span<char> Reserve(int length, bool atTextStart)
    {
        if (_charCount + length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + length));
        }

        if (Count == _pieces.Length)
        {
            Array.Resize(ref _pieces, _pieces.Length * 2);
        }

        _pieces[Count++] = (_charCount, length, atTextStart);
        _charCount += length;
        return _chars.AsSpan(_charCount - length, length);
    }
}
