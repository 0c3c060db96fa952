// `mandate verify`: recompute the hash chain over the log, and the Merkle tree over it.

#include "tools/verify.h"

#include <iostream>

#include "events/store.h"
#include "tools/cli.h"
#include "tools/data_dir.h"

namespace mandate::tools {
namespace {

constexpr const char* kUsage = R"(usage: mandate verify [--data DIR] [--from POS] [--to POS]

Recomputes hash = SHA-256(previous hash || envelope bytes) for every event in [POS, POS] (default:
the whole log) of the stopped server's data directory DIR (default ./data). Over the whole log
it also recomputes the Merkle tree (docs/proofs.md) and compares every stored node with it.
Exit 0: intact. Exit 1: broken; the first bad position is printed. Exit 2: bad flags.
Exit 3: the data directory cannot be opened (missing, or in use by a running server).
)";

}  // namespace

int verify_main(int argc, char** argv) {
  Args args = parse_args(argc, argv, 2, {"data", "from", "to"}, {"help"});
  if (args.has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  const auto from_flag = number_flag(args, "from", 1, 0, UINT64_MAX);
  const auto to_flag = number_flag(args, "to", UINT64_MAX, 0, UINT64_MAX);
  const uint64_t from = from_flag.value_or(1), to = to_flag.value_or(UINT64_MAX);
  if (args.error || !args.positional.empty()) {
    std::cerr << "mandate verify: " << args.error.value_or("unexpected argument") << "\n" << kUsage;
    return kExitUsage;
  }
  auto store = open_data_dir(args, /*with_views=*/false);
  if (!store.ok()) {
    std::cerr << "mandate verify: " << store.error().message << "\n";
    return kExitUnavailable;
  }
  const auto report = (*store)->verify(from, to);
  if (!report.ok) {
    std::cout << "broken at position " << *report.first_bad << ": " << report.problem << " ("
              << report.checked << " events checked before it)\n";
    return kExitFailure;
  }
  std::cout << "intact: " << report.checked << " events checked, head " << (*store)->head().position
            << " " << events::to_hex((*store)->head().hash) << "\n";
  if (from > 1 || to < (*store)->head().position) return kExitOk;
  const auto tree = (*store)->verify_tree();
  if (!tree.ok) {
    std::cout << "tree broken at position " << *tree.first_bad << ": " << tree.problem << "\n";
    return kExitFailure;
  }
  auto root = (*store)->tree_root((*store)->head().position);
  if (!root.ok()) {
    std::cout << "tree broken: " << root.error().message << "\n";
    return kExitFailure;
  }
  std::cout << "tree intact: " << tree.checked << " events, root " << events::to_hex(*root) << "\n";
  return kExitOk;
}

}  // namespace mandate::tools
