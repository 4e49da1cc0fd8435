using FsCheck;
using FsCheck.Fluent;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Tests.Feetech;

public class FeetechCalibrationTests
{
    [Fact]
    public void HalfTurnOffset_MakesThePoseReadTheMiddle()
    {
        var offset = FeetechCalibration.HomingOffsetForHalfTurn(3000);

        Assert.Equal(953, offset);
        Assert.Equal(FeetechCalibration.HalfTurn, FeetechCalibration.PresentFromActual(3000, offset));
    }

    [Fact]
    public void HalfTurnOffset_ThatDoesNotFitElevenBits_IsRefusedWithAdvice()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FeetechCalibration.HomingOffsetForHalfTurn(4095));

        Assert.Contains("move the joint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PresentFromActual_WrapsWithinOneTurn()
    {
        Assert.Equal(4000, FeetechCalibration.PresentFromActual(100, 196));
        Assert.Equal(100, FeetechCalibration.ActualFromPresent(4000, 196));
    }

    [Fact]
    public void PresentThenActual_GivesTheEncoderPositionBack_ForAnyOffset()
    {
        Prop.ForAll(Gen.Choose(0, 4095).ToArbitrary(), Gen.Choose(-2047, 2047).ToArbitrary(), (actual, offset) =>
            FeetechCalibration.ActualFromPresent(FeetechCalibration.PresentFromActual(actual, offset), offset) == actual)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(5_000));
    }

    [Fact]
    public void SignMagnitude_RoundTrips_ForAnyValueThatFits()
    {
        Prop.ForAll(Gen.Choose(1, 15).ToArbitrary(), ArbMap.Default.GeneratorFor<int>().ToArbitrary(), (signBit, any) =>
        {
            var limit = (1 << signBit) - 1;
            var value = any % (limit + 1);
            return SignMagnitude.Decode(SignMagnitude.Encode(value, signBit), signBit) == value;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5_000));
    }

    [Fact]
    public void SignMagnitude_NegativeZeroDecodesAsZero_AndOverflowIsRefused()
    {
        Assert.Equal(0, SignMagnitude.Decode(0x8000, 15));
        Assert.Throws<ArgumentOutOfRangeException>(() => SignMagnitude.Encode(32768, 15));
        Assert.Throws<ArgumentOutOfRangeException>(() => SignMagnitude.Encode(1, 0));
    }
}
