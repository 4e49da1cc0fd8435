namespace Robotics.Policies.Text.PreTokenizers;

/// <summary>A tokenizer.json <c>pre_tokenizer</c>: splits (and may rewrite) each piece into smaller pieces, the
/// words the model then tokenizes one by one.</summary>
internal abstract class PreTokenizer
{
    public virtual void PreTokenize(PieceList input, PieceList output)
    {
        for (var i = 0; i < input.Count; i++)
        {
            Split(input[i], input.AtTextStart(i), output);
        }
    }

    protected abstract void Split(ReadOnlySpan<char> piece, bool atTextStart, PieceList output);
}
