namespace Robotics.Policies.Learning;

/// <summary>Which micro-kernel <see cref="Gemm"/> runs: the widest the CPU supports, or one forced by a test.</summary>
internal enum GemmKernel
{
    Portable,
    Avx2,
    Avx512,
}
