namespace Robotics.Policies.Text.AddedTokens;

/// <summary>An entry of tokenizer.json <c>added_tokens</c>: matched in the text before the model sees it.</summary>
/// <param name="SingleWord">Matched only where no letter or digit touches it.</param>
/// <param name="LeftStrip">Swallows the whitespace before it.</param>
/// <param name="RightStrip">Swallows the whitespace after it.</param>
/// <param name="Normalized">Matched in the normalized text (else in the raw text).</param>
/// <param name="Special">Skipped when decoding with skipSpecialTokens.</param>
internal sealed record AddedToken(int Id, string Content, bool SingleWord, bool LeftStrip, bool RightStrip, bool Normalized, bool Special);
