namespace Robotics.Policies.Text.PreTokenizers;

/// <summary><c>Sequence</c>: each pre-tokenizer splits the pieces the previous one produced.</summary>
internal sealed class PreTokenizerSequence(IReadOnlyList<PreTokenizer> preTokenizers) : PreTokenizer
{
    public override void PreTokenize(PieceList input, PieceList output)
    {
        var current = input;
        for (var i = 0; i < preTokenizers.Count; i++)
        {
            var next = i == preTokenizers.Count - 1 ? output : PieceList.Rent();
            preTokenizers[i].PreTokenize(current, next);
            if (current != input)
            {
                PieceList.Return(current);
            }

            current = next;
        }

        if (preTokenizers.Count == 0)
        {
            for (var i = 0; i < input.Count; i++)
            {
                output.Add(input[i], input.AtTextStart(i));
            }
        }
    }

    protected override void Split(ReadOnlySpan<char> piece, bool atTextStart, PieceList output) =>
        throw new InvalidOperationException("a sequence splits whole lists");
}
