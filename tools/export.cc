// `mandate export incident ID --out DIR` and `mandate verify-export DIR`: an incident's timeline
// taken out for investigators, and checked later with nothing but the export and a public key.

#include "tools/export.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "tools/cli.h"
#include "tools/data_dir.h"
#include "tools/incident_export.h"
#include "tools/signing.h"
#include "tools/system_clock.h"

namespace mandate::tools {
namespace {

namespace fs = std::filesystem;

constexpr const char* kExportUsage =
    R"(usage: mandate export incident ID --out DIR --key FILE [--data DIR]

Writes incident ID of the stopped server's data directory (default ./data) to DIR (which must
not exist): timeline.json (every entry as GET /v1/incidents/ID/timeline shows it, with its
position, recorded_at, occurred_at, actor and hash; the names of the actors; the envelopes of
every event from the first entry to the last, which recompute the chain; and the chain's hash
at the last entry signed with the Ed25519 private key FILE, see `mandate checkpoint keygen`),
and report.html, the same for people to read (Vietnamese, both times on every entry).
The envelopes of other streams' events in that span are in the export: handle it at the
incident's classification or above.
Exit 0: written. Exit 1: no such incident, or DIR cannot be written. Exit 2: bad flags or key.
Exit 3: the data directory cannot be opened.
)";

constexpr const char* kVerifyUsage = R"(usage: mandate verify-export DIR [--public-key PUB]

Checks an export offline, with no server and no data directory: the envelopes recompute the
chain to the signed hash, the signature holds (and was made with the key PUB, when given: give
it, from a copy kept apart from the export), every entry is exactly what its envelope recorded,
no entry of the incident is missing, and timeline.json and report.html are byte for byte what
the export wrote.
Exit 0: intact. Exit 1: not intact; the first problem is printed. Exit 2: bad flags, or DIR
lacks the files.
)";

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return static_cast<bool>(out);
}

}  // namespace

int export_main(int argc, char** argv) {
  constexpr const char* kCommand = "export";
  Args args = parse_args(argc, argv, 2, {"data", "out", "key"}, {"help"});
  if (args.has("help")) {
    std::cout << kExportUsage;
    return kExitOk;
  }
  if (args.error) return fail(kCommand, kExitUsage, *args.error, kExportUsage);
  if (args.positional.size() != 2 || args.positional[0] != "incident" || !args.has("out") ||
      !args.has("key")) {
    return fail(kCommand, kExitUsage, "say: export incident ID --out DIR --key FILE", kExportUsage);
  }
  const fs::path out = args.get("out", "");
  if (fs::exists(out)) return fail(kCommand, kExitUsage, out.string() + " exists");
  if (auto key = public_key_hex(args.get("key", "")); !key.ok()) {
    return fail(kCommand, kExitUsage, key.error().message);
  }
  auto store = open_data_dir(args);
  if (!store.ok()) return fail(kCommand, kExitUnavailable, store.error().message);
  auto exported = export_incident(**store, args.positional[1], args.get("key", ""), system_clock());
  if (!exported.ok()) return fail(kCommand, kExitFailure, exported.error().message);
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec || !write_file(out / "timeline.json", timeline_text(exported->timeline)) ||
      !write_file(out / "report.html", exported->html)) {
    return fail(kCommand, kExitFailure, "cannot write " + out.string());
  }
  std::cout << "exported incident " << args.positional[1] << ": "
            << exported->timeline["entries"].size() << " entries, positions "
            << exported->timeline["chain"]["from"] << "-" << exported->timeline["chain"]["to"]
            << ", to " << out.string() << "\n";
  return kExitOk;
}

int verify_export_main(int argc, char** argv) {
  constexpr const char* kCommand = "verify-export";
  Args args = parse_args(argc, argv, 2, {"public-key"}, {"help"});
  if (args.has("help")) {
    std::cout << kVerifyUsage;
    return kExitOk;
  }
  if (args.error) return fail(kCommand, kExitUsage, *args.error, kVerifyUsage);
  if (args.positional.size() != 1) return fail(kCommand, kExitUsage, "name one DIR", kVerifyUsage);
  const fs::path dir = args.positional[0];
  const auto timeline = read_file(dir / "timeline.json");
  const auto report = read_file(dir / "report.html");
  if (!timeline || !report) {
    return fail(kCommand, kExitUsage, dir.string() + " lacks timeline.json or report.html");
  }
  std::string expected_key;
  if (args.has("public-key")) {
    auto key = public_key_hex(args.get("public-key", ""));
    if (!key.ok()) return fail(kCommand, kExitUsage, key.error().message);
    expected_key = *key;
  }
  const auto verdict = verify_export(*timeline, *report, expected_key);
  if (!verdict.ok) return fail(kCommand, kExitFailure, "not intact: " + verdict.problem);
  std::cout << "intact: incident " << verdict.incident << ", " << verdict.entries
            << " entries, chain " << verdict.first << "-" << verdict.last
            << " recomputed to the signed head, signed with key " << verdict.public_key
            << (expected_key.empty() ? " (not checked against a key of yours: pass --public-key)"
                                     : " (the key given)")
            << "\n";
  return kExitOk;
}

}  // namespace mandate::tools
