// libtorch peer of `bench train`: the TD3-sized critic update the C# training core is measured against.
// Critic: state 20 + action 6 = 26 -> 256 -> 256 -> 1, ReLU (torch::nn::Linear default init), MSE loss, Adam (lr 1e-4,
// PyTorch defaults otherwise), batch 256; one update = zero_grad + forward + loss + backward + step, as on the C# side.
// Usage: td3_libtorch <threads> <iterations> <warmup>
// Prints "key value" lines: threads, median_ms, p90_ms, final_loss, mm256_ms (one 256x256x256 product: the BLAS
// alone), torch (version) and blas (the BLAS library this process mapped, from /proc/self/maps).
#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

double Millis(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(p * values.size()))];
}

// fp32 Linear runs through the system BLAS (Debian builds libtorch against libblas.so.3); the reference libblas3 is
// ~20x slower than OpenBLAS here, so the report names which one was mapped.
std::string BlasLibrary() {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    auto slash = line.find('/');
    if (slash != std::string::npos && line.find("blas", slash) != std::string::npos) return line.substr(slash);
  }
  return "unknown";
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  const int iterations = argc > 2 ? std::atoi(argv[2]) : 2000;
  const int warmup = argc > 3 ? std::atoi(argv[3]) : 200;
  const int64_t batch = 256, inputs = 26, hidden = 256;
  torch::set_num_threads(threads);
  torch::manual_seed(1);

  torch::nn::Sequential critic(torch::nn::Linear(inputs, hidden), torch::nn::ReLU(), torch::nn::Linear(hidden, hidden),
                               torch::nn::ReLU(), torch::nn::Linear(hidden, 1));
  torch::optim::Adam adam(critic->parameters(), torch::optim::AdamOptions(1e-4));

  // 16 fixed random batches in rotation, as the C# side: one batch alone is memorised within a few thousand steps,
  // after which gradients turn denormal and both sides slow down for reasons that have nothing to do with training.
  const int sets = 16;
  auto xs = torch::randn({sets, batch, inputs});
  auto ys = torch::randn({sets, batch, 1});
  int64_t it = 0;
  auto step = [&] {
    auto x = xs[it % sets];
    auto y = ys[it % sets];
    it++;
    adam.zero_grad();
    auto loss = torch::mse_loss(critic->forward(x), y);
    loss.backward();
    adam.step();
    return loss;
  };
  for (int i = 0; i < warmup; i++) step();

  std::vector<double> ms;
  float last = 0;
  for (int i = 0; i < iterations; i++) {
    auto t0 = std::chrono::steady_clock::now();
    auto loss = step();
    ms.push_back(Millis(t0, std::chrono::steady_clock::now()));
    if (i == iterations - 1) last = loss.item<float>();
  }

  auto a = torch::randn({hidden, hidden});
  auto b = torch::randn({hidden, hidden});
  std::vector<double> mm;
  for (int i = 0; i < 50 + iterations; i++) {
    auto t0 = std::chrono::steady_clock::now();
    auto c = torch::mm(a, b);
    if (i >= 50) mm.push_back(Millis(t0, std::chrono::steady_clock::now()));
  }

  std::printf("threads %d\n", torch::get_num_threads());
  std::printf("median_ms %.4f\n", Percentile(ms, 0.5));
  std::printf("p90_ms %.4f\n", Percentile(ms, 0.9));
  std::printf("final_loss %.6f\n", last);
  std::printf("mm256_ms %.4f\n", Percentile(mm, 0.5));
  std::printf("torch %s\n", TORCH_VERSION);
  std::printf("blas %s\n", BlasLibrary().c_str());
  return 0;
}
