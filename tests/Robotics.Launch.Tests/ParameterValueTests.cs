using FsCheck;
using FsCheck.Fluent;

namespace Robotics.Launch.Tests;

public class ParameterValueTests
{
    [Theory]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("0x1F", 31L)]
    [InlineData("010", 8L)] // strtol base 0 reads a leading zero as octal; rcl inherits it
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("1.0", 1.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("-.5", -0.5)]
    [InlineData("9223372036854775808", 9223372036854775808.0)] // integer overflow falls through to strtod
    [InlineData(".inf", double.PositiveInfinity)]
    [InlineData("-.Inf", double.NegativeInfinity)]
    [InlineData(".nan", double.NaN)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("yes", true)]
    [InlineData("FALSE", false)]
    [InlineData("off", false)]
    [InlineData("'1'", "1")]
    [InlineData("\"true\"", "true")]
    [InlineData("tRue", "tRue")]
    [InlineData("hello world", "hello world")]
    [InlineData("1e999", "1e999")] // strtod reports ERANGE, rcl keeps the text
    [InlineData("1.2.3", "1.2.3")]
    public void Parse_Scalar_IsTypedAsRclDoes(string yaml, object expected)
    {
        var value = ParameterValue.Parse(yaml);

        Assert.Equal(expected.GetType(), value.GetType());
        Assert.True(ParameterValue.ValueEquals(expected, value), $"expected {expected}, got {value}");
    }

    [Fact]
    public void Parse_HomogeneousSequences_BecomeTypedArrays()
    {
        Assert.Equal(new long[] { 1, 2, 3 }, ParameterValue.Parse("[1, 2, 3]"));
        Assert.Equal(new[] { 1.5, 2.0 }, ParameterValue.Parse("[1.5, 2.0]"));
        Assert.Equal(new[] { true, false }, ParameterValue.Parse("[true, no]"));
        Assert.Equal(new[] { "a", "1" }, ParameterValue.Parse("[a, '1']"));
    }

    [Fact]
    public void Parse_MixedIntegerAndDoubleList_IsRejectedAsRclDoes()
    {
        var error = Assert.Throws<LaunchException>(() => ParameterValue.Parse("[1, 2.5]", "gains"));

        Assert.Contains("parameter 'gains' mixes integer and double", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyList_IsRejectedNamingTheParameter()
    {
        var error = Assert.Throws<LaunchException>(() => ParameterValue.Parse("[]", "joints"));

        Assert.StartsWith("parameter 'joints' is an empty list; its type cannot be inferred", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{a: 1}", "a map is not a parameter value")]
    [InlineData("[[1], [2]]", "list elements must be single values")]
    [InlineData("", "has no value")]
    public void Parse_ValuesWithoutAParameterType_AreRejected(string yaml, string expected)
    {
        var error = Assert.Throws<LaunchException>(() => ParameterValue.Parse(yaml, "p"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_RejectsClrTypesThatAreNotRosParameterTypes()
    {
        Assert.Throws<ArgumentException>(() => new Parameter("rate", 5)); // int, not long
        Assert.Throws<ArgumentException>(() => new Parameter("rate", new List<long>()));
    }

    [Fact]
    public void Parameter_ComparesArraysByElements_AndCopiesThem()
    {
        var values = new long[] { 1, 2 };
        var parameter = new Parameter("ids", values);
        values[0] = 99;

        Assert.Equal(new Parameter("ids", new long[] { 1, 2 }), parameter);
        Assert.NotEqual(new Parameter("ids", new[] { 1.0, 2.0 }), parameter);
    }

    [Fact]
    public void ToYaml_ByteArray_IsRefusedBecauseRclCannotReadIt()
    {
        Assert.Throws<LaunchException>(() => ParameterValue.ToYaml(new byte[] { 1, 2 }));
    }

    [Fact]
    public void ToYaml_ThenParse_GivesTheSameValue_ForAnyValue()
    {
        Prop.ForAll(AnyParameterValue().ToArbitrary(), value =>
        {
            var yaml = ParameterValue.ToYaml(value);
            var back = ParameterValue.Parse(yaml);
            return ParameterValue.ValueEquals(value, back).Label($"{yaml} read back as {ParameterValue.Describe(back)}");
        }).QuickCheckThrowOnFailure();
    }

    // Strings as a command line can carry them: no lone UTF-16 surrogates, no NUL.
    private static Gen<string> AnyText() =>
        ArbMap.Default.GeneratorFor<string>()
            .Where(s => s is not null && !s.Any(c => char.IsSurrogate(c) || c == '\0'));

    private static Gen<object> AnyParameterValue()
    {
        var scalars = new[]
        {
            ArbMap.Default.GeneratorFor<bool>().Select(b => (object)b),
            ArbMap.Default.GeneratorFor<long>().Select(l => (object)l),
            ArbMap.Default.GeneratorFor<double>().Select(d => (object)d),
            AnyText().Select(s => (object)s),
            Gen.Elements("true", "1", "0x10", "1e3", "~", "- a", "a: b", "#", "[x]", " x ", ".inf", "nan", "'q'").Select(s => (object)s),
        };
        var arrays = new[]
        {
            ArbMap.Default.GeneratorFor<bool>().NonEmptyListOf().Select(l => (object)l.ToArray()),
            ArbMap.Default.GeneratorFor<long>().NonEmptyListOf().Select(l => (object)l.ToArray()),
            ArbMap.Default.GeneratorFor<double>().NonEmptyListOf().Select(l => (object)l.ToArray()),
            AnyText().NonEmptyListOf().Select(l => (object)l.ToArray()),
        };
        return Gen.OneOf(scalars.Concat(arrays));
    }
}
