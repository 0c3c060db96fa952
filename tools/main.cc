// The `mandate` command line: one binary, one subcommand per job.

#include <cstring>
#include <iostream>

#include "tools/backup.h"
#include "tools/checkpoint.h"
#include "tools/cli.h"
#include "tools/export.h"
#include "tools/import.h"
#include "tools/rebuild.h"
#include "tools/replay.h"
#include "tools/serve.h"
#include "tools/token.h"
#include "tools/verify.h"

namespace {

constexpr const char* kUsage = R"(usage: mandate COMMAND [flags]

Commands:
  serve          serve the HTTP API (and the seed plans on a new data directory)
  import         import plan and agencies files, offline or through the API
  token          create or revoke a user's bearer token, offline or through the API
  replay         rebuild a view from the log and print it as the API answers it
  verify         recompute the hash chain of a stopped server's log
  rebuild        rebuild every view from the log and check it against its snapshots
  checkpoint     sign the chain head with an Ed25519 key, or check the log still extends one
  export         export an incident's timeline with what proves it (JSON and HTML)
  verify-export  check an export offline
  backup         a consistent copy of the store, from a running or a stopped server
  restore        put a backup in place, verifying its chain first

Run `mandate COMMAND --help` for a command's flags. docs/operations.md has more.
Exit codes: 0 done, 1 the operation failed or found a problem, 2 bad flags or input,
3 the data directory or the server cannot be used.
)";

struct Command {
  const char* name;
  int (*run)(int, char**);
};

constexpr Command kCommands[] = {
    {"serve", mandate::tools::serve_main},
    {"import", mandate::tools::import_main},
    {"token", mandate::tools::token_main},
    {"replay", mandate::tools::replay_main},
    {"verify", mandate::tools::verify_main},
    {"rebuild", mandate::tools::rebuild_main},
    {"checkpoint", mandate::tools::checkpoint_main},
    {"export", mandate::tools::export_main},
    {"verify-export", mandate::tools::verify_export_main},
    {"backup", mandate::tools::backup_main},
    {"restore", mandate::tools::restore_main},
};

}  // namespace

int main(int argc, char** argv) {
  using namespace mandate::tools;
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "help") == 0) {
    std::cout << kUsage;
    return argc < 2 ? kExitUsage : kExitOk;
  }
  for (const auto& command : kCommands) {
    if (std::strcmp(argv[1], command.name) == 0) return command.run(argc, argv);
  }
  std::cerr << "mandate: unknown command " << argv[1] << "\n" << kUsage;
  return kExitUsage;
}
