// The `mandate` command line: one binary, one subcommand per job.

#include <cstring>
#include <iostream>

#include "tools/cli.h"
#include "tools/rebuild.h"
#include "tools/serve.h"
#include "tools/verify.h"

namespace {

constexpr const char* kUsage = R"(usage: mandate COMMAND [flags]

Commands:
  serve     serve the HTTP API (and the seed plans on a new data directory)
  verify    recompute the hash chain of a stopped server's log
  rebuild   rebuild every view from the log and check it against its snapshots

Run `mandate COMMAND --help` for a command's flags. docs/operations.md has more.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace mandate::tools;
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "help") == 0) {
    std::cout << kUsage;
    return argc < 2 ? kExitUsage : kExitOk;
  }
  const std::string command = argv[1];
  if (command == "serve") return serve_main(argc, argv);
  if (command == "verify") return verify_main(argc, argv);
  if (command == "rebuild") return rebuild_main(argc, argv);
  std::cerr << "mandate: unknown command " << command << "\n" << kUsage;
  return kExitUsage;
}
