// `mandate backup` and `mandate restore`: a consistent copy of the store, taken from a running
// server (through POST /v1/backups) or a stopped one, and put back in place only once its whole
// chain has been verified.

#include "events/backup.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "http/backups.h"
#include "tools/backup.h"
#include "tools/cli.h"
#include "tools/data_dir.h"
#include "tools/remote.h"
#include "tools/system_clock.h"

namespace mandate::tools {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBackupUsage = R"(usage: mandate backup --out DIR [--data DATA | --url URL]

Writes a consistent copy of the store to DIR (which must not exist): DIR/log, and
DIR/backup.json with the head the copy holds. Appends go on while it is taken.
Offline: --data DATA (default ./data) of a stopped server. From a running server: --url
http://HOST:PORT with an admin's token in --token-file FILE or MANDATE_TOKEN; the server writes
the copy on its own host, so DIR is a path there (made absolute here when relative).
The admin's token file is not in the backup: after a restore, issue one with
`mandate token create --user admin --out DATA/admin.token --data DATA`.
Exit 0: written. Exit 1: refused (DIR exists, not an admin). Exit 2: bad flags.
Exit 3: the data directory or the server cannot be used.
)";

constexpr const char* kRestoreUsage = R"(usage: mandate restore BACKUP --data DATA

Puts the backup in BACKUP (written by `mandate backup`) in place as the new data directory DATA
(which must not exist), verifies every hash of its chain and checks that it ends at the head
backup.json names. On any failure nothing is left at DATA.
Exit 0: restored and verified. Exit 1: the backup is damaged (the first bad position is
printed) or does not hold what backup.json says. Exit 2: bad flags, or DATA exists.
Exit 3: BACKUP cannot be read.
)";

void print_manifest(const nlohmann::json& manifest) {
  std::cout << "backup " << manifest["path"].get<std::string>() << ": head "
            << manifest["head_position"] << " " << manifest["head_hash"].get<std::string>() << "\n";
}

}  // namespace

int backup_main(int argc, char** argv) {
  constexpr const char* kCommand = "backup";
  Args args = parse_args(argc, argv, 2, {"data", "url", "token-file", "out"}, {"help"});
  if (args.has("help")) {
    std::cout << kBackupUsage;
    return kExitOk;
  }
  if (args.error) return fail(kCommand, kExitUsage, *args.error, kBackupUsage);
  if (!args.positional.empty() || !args.has("out")) {
    return fail(kCommand, kExitUsage, "backup needs --out DIR and nothing else", kBackupUsage);
  }
  const std::string out = fs::absolute(args.get("out", "")).lexically_normal().string();
  if (args.has("url")) {
    auto remote = Remote::from_args(args);
    if (!remote.ok()) return fail(kCommand, kExitUsage, remote.error().message);
    auto reply = remote->call("POST", "/v1/backups", nlohmann::json{{"path", out}}.dump());
    if (!reply.ok()) return fail(kCommand, kExitUnavailable, reply.error().message);
    if (reply->status != 201) {
      return fail(kCommand, reply->status >= 500 ? kExitUnavailable : kExitFailure,
                  describe_failure(*reply));
    }
    print_manifest(nlohmann::json::parse(reply->body));
    return kExitOk;
  }
  auto store = open_data_dir(args);
  if (!store.ok()) return fail(kCommand, kExitUnavailable, store.error().message);
  auto manifest = http::back_up(**store, out, system_clock());
  if (!manifest.ok()) return fail(kCommand, kExitFailure, manifest.error().message);
  print_manifest(*manifest);
  return kExitOk;
}

int restore_main(int argc, char** argv) {
  constexpr const char* kCommand = "restore";
  Args args = parse_args(argc, argv, 2, {"data"}, {"help"});
  if (args.has("help")) {
    std::cout << kRestoreUsage;
    return kExitOk;
  }
  if (args.error) return fail(kCommand, kExitUsage, *args.error, kRestoreUsage);
  if (args.positional.size() != 1 || !args.has("data")) {
    return fail(kCommand, kExitUsage, "restore needs BACKUP and --data DATA", kRestoreUsage);
  }
  const fs::path backup = args.positional[0], data = args.get("data", "");
  std::ifstream in(backup / "backup.json");
  if (!in) return fail(kCommand, kExitUnavailable, "no backup.json in " + backup.string());
  std::stringstream text;
  text << in.rdbuf();
  const auto manifest = nlohmann::json::parse(text.str(), nullptr, false);
  if (!manifest.is_object() || manifest.value("format", "") != http::kBackupFormat ||
      !manifest.contains("head_position") || !manifest.contains("head_hash")) {
    return fail(kCommand, kExitFailure, (backup / "backup.json").string() + " is not a backup's");
  }
  std::error_code ec;
  if (fs::exists(data, ec)) {
    return fail(kCommand, kExitUsage, data.string() + " exists; restore into a new directory");
  }
  if (!fs::create_directories(data, ec) || ec) {
    return fail(kCommand, kExitUnavailable, "cannot make " + data.string());
  }
  auto restored = events::restore(log_dir_of(backup.string()), log_dir_of(data.string()));
  const bool as_named =
      restored.ok() && restored->head.position == manifest["head_position"].get<uint64_t>() &&
      events::to_hex(restored->head.hash) == manifest["head_hash"].get<std::string>();
  if (!as_named) {
    fs::remove_all(data, ec);
    if (!restored.ok()) {
      return fail(
          kCommand,
          restored.error().code == core::ErrorCode::kNotFound ? kExitUnavailable : kExitFailure,
          restored.error().message);
    }
    return fail(kCommand, kExitFailure,
                "the backup ends at " + std::to_string(restored->head.position) +
                    ", not at the head backup.json names");
  }
  std::cout << "restored " << data.string() << ": " << restored->events << " events verified, head "
            << restored->head.position << " " << events::to_hex(restored->head.hash) << "\n";
  return kExitOk;
}

}  // namespace mandate::tools
