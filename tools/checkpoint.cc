// `mandate checkpoint keygen|sign|check`: signed chain heads. A head signed today and kept
// elsewhere proves later that the log still extends it: someone who rewrites history and
// recomputes every hash after it still cannot make the old position carry the signed hash.

#include "tools/checkpoint.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tools/cli.h"
#include "tools/data_dir.h"
#include "tools/remote.h"
#include "tools/signed_head.h"
#include "tools/signed_note.h"
#include "tools/signing.h"
#include "tools/system_clock.h"

namespace mandate::tools {
namespace {

constexpr const char* kUsage = R"(usage: mandate checkpoint keygen --key FILE
       mandate checkpoint sign --key FILE [--out FILE] [--data DIR | --url URL]
       mandate checkpoint check FILE --public-key PUB [--data DIR | --url URL]

keygen: writes a new Ed25519 private key to FILE (PEM, mode 0600) and its public key to
  FILE.pub. Keep the private key with whoever signs, and the public key with whoever checks.
sign: signs the chain head (position, hash, time) with the private key FILE and writes the
  signed head as JSON to --out (default standard output). Keep it away from the server.
check: proves that today's log still extends the head signed in FILE: the signature holds for
  the public key PUB, the chain is intact from position 1 to the head, and the hash at the
  signed position is the signed hash. FILE may also be a checkpoint the server signed
  (GET /v1/chain/checkpoint, a C2SP signed note): its signature holds for PUB and a consistency
  proof shows that today's Merkle tree extends the checkpoint's, without reading the log.

Offline: --data DIR (default ./data) of a stopped server. Through a running server: --url
http://HOST:PORT with the token of an admin, auditor or investigator in --token-file FILE or
MANDATE_TOKEN.
Exit 0: signed / the log extends the signed head. Exit 1: it does not (the reason is printed:
another key, a bad signature, a broken chain, a shorter log, or another hash at the position).
Exit 2: bad flags or files. Exit 3: the data directory or the server cannot be used.
)";

constexpr const char* kCommand = "checkpoint";

// What the log says: its head, whether its chain holds, and the hash at a position.
struct LogFacts {
  uint64_t head = 0;
  std::string head_hash;
  bool intact = true;
  std::string broken;  // Why not, when !intact.
  std::string hash_at_position;
};

core::Result<LogFacts> facts_offline(const Args& args, uint64_t position) {
  ASSIGN_OR_RETURN(auto store, open_data_dir(args));
  LogFacts facts;
  facts.head = store->head().position;
  facts.head_hash = events::to_hex(store->head().hash);
  const auto report = store->verify();
  if (!report.ok) {
    facts.intact = false;
    facts.broken = "the chain is broken at position " + std::to_string(*report.first_bad) + ": " +
                   report.problem;
  }
  if (position > 0 && position <= facts.head) {
    RETURN_IF_ERROR(store->scan(position, position, [&](const events::EventView& event) {
      facts.hash_at_position = events::to_hex(event.hash());
      return false;
    }));
  }
  return facts;
}

core::Result<nlohmann::json> get_json(const Remote& remote, const std::string& target) {
  ASSIGN_OR_RETURN(Reply reply, remote.call("GET", target));
  if (reply.status != 200) {
    return core::make_error(core::ErrorCode::kForbidden, target + ": " + describe_failure(reply));
  }
  return nlohmann::json::parse(reply.body);
}

core::Result<LogFacts> facts_remote(const Remote& remote, uint64_t position) {
  LogFacts facts;
  ASSIGN_OR_RETURN(auto chain, get_json(remote, "/v1/chain"));
  facts.head = chain["head_position"].get<uint64_t>();
  facts.head_hash = chain["head_hash"].get<std::string>();
  ASSIGN_OR_RETURN(auto verdict,
                   get_json(remote, "/v1/chain/verify?to=" + std::to_string(facts.head)));
  if (!verdict["ok"].get<bool>()) {
    facts.intact = false;
    facts.broken = "the chain is broken at position " + verdict["first_bad"].dump();
  }
  if (position > 0 && position <= facts.head) {
    ASSIGN_OR_RETURN(auto page,
                     get_json(remote, "/v1/events?from=" + std::to_string(position) + "&limit=1"));
    facts.hash_at_position = page["events"].at(0)["hash"].get<std::string>();
  }
  return facts;
}

// Exit 2 for a bad --url or token, 1 for a server that refused, 3 for what could not be
// reached or opened.
int facts_failed(const core::Error& error) {
  const int code = error.code == core::ErrorCode::kValidationFailed ? kExitUsage
                   : error.code == core::ErrorCode::kForbidden      ? kExitFailure
                                                                    : kExitUnavailable;
  return fail(kCommand, code, error.message);
}

core::Result<LogFacts> facts_of(const Args& args, uint64_t position) {
  if (!args.has("url")) return facts_offline(args, position);
  ASSIGN_OR_RETURN(Remote remote, Remote::from_args(args));
  return facts_remote(remote, position);
}

int keygen(const Args& args) {
  if (!args.has("key")) return fail(kCommand, kExitUsage, "keygen needs --key FILE", kUsage);
  const std::string path = args.get("key", "");
  if (auto st = generate_key(path); !st.ok()) {
    return fail(kCommand, kExitFailure, st.error().message);
  }
  std::cout << "private key " << path << ", public key " << path << ".pub\n";
  return kExitOk;
}

int sign_now(const Args& args) {
  if (!args.has("key")) return fail(kCommand, kExitUsage, "sign needs --key FILE", kUsage);
  auto facts = facts_of(args, 0);
  if (!facts.ok()) return facts_failed(facts.error());
  if (!facts->intact) return fail(kCommand, kExitFailure, "not signing: " + facts->broken);
  auto head = sign_head(args.get("key", ""), facts->head, facts->head_hash, system_clock());
  if (!head.ok()) return fail(kCommand, kExitUsage, head.error().message);
  const std::string text = to_json(*head).dump(2) + "\n";
  if (!args.has("out")) {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(args.get("out", ""), std::ios::trunc);
  out << text;
  out.close();
  if (!out) return fail(kCommand, kExitFailure, "cannot write " + args.get("out", ""));
  std::cerr << "signed head " << head->position << " " << head->hash << "\n";
  return kExitOk;
}

// What the tree says now: its size, its root, and the proof that it extends the tree of `from`.
struct TreeFacts {
  uint64_t size = 0;
  events::Hash root{};
  std::vector<events::Hash> proof;
};

core::Result<events::Hash> hash_from_hex(const std::string& hex) {
  ASSIGN_OR_RETURN(auto raw, hex_decode(hex));
  events::Hash h{};
  if (raw.size() != h.size()) {
    return core::make_error(core::ErrorCode::kForbidden,
                            "the server sent a hash of " + std::to_string(raw.size()) + " bytes");
  }
  std::copy(raw.begin(), raw.end(), h.begin());
  return h;
}

core::Result<TreeFacts> tree_facts(const Args& args, uint64_t from) {
  TreeFacts facts;
  if (!args.has("url")) {
    ASSIGN_OR_RETURN(auto store, open_data_dir(args));
    facts.size = store->head().position;
    ASSIGN_OR_RETURN(facts.root, store->tree_root(facts.size));
    if (from == 0 || from > facts.size) return facts;
    ASSIGN_OR_RETURN(facts.proof, store->consistency_proof(from, facts.size));
    return facts;
  }
  ASSIGN_OR_RETURN(Remote remote, Remote::from_args(args));
  ASSIGN_OR_RETURN(auto chain, get_json(remote, "/v1/chain"));
  facts.size = chain["tree_size"].get<uint64_t>();
  ASSIGN_OR_RETURN(facts.root, hash_from_hex(chain["root_hash"].get<std::string>()));
  if (from == 0 || from > facts.size) return facts;
  ASSIGN_OR_RETURN(auto proof,
                   get_json(remote, "/v1/chain/consistency?from=" + std::to_string(from) +
                                        "&to=" + std::to_string(facts.size)));
  for (const auto& hex : proof["proof"]) {
    ASSIGN_OR_RETURN(auto h, hash_from_hex(hex.get<std::string>()));
    facts.proof.push_back(h);
  }
  return facts;
}

// A checkpoint the server signed (a C2SP note): its signature, then a consistency proof from
// its tree to today's, checked here, not the whole chain recomputed.
int check_note(const Args& args, const std::string& file, const std::string& text) {
  auto note = open_checkpoint_note(text, args.get("public-key", ""));
  if (!note.ok()) {
    return fail(kCommand,
                note.error().code == core::ErrorCode::kForbidden ? kExitFailure : kExitUsage,
                file + ": " + note.error().message);
  }
  auto facts = tree_facts(args, note->size);
  if (!facts.ok()) return facts_failed(facts.error());
  if (facts->size < note->size) {
    return fail(kCommand, kExitFailure,
                "the log ends at " + std::to_string(facts->size) + ", before the checkpoint's " +
                    std::to_string(note->size) + " events: history was cut");
  }
  if (!events::merkle_consistency_holds(note->size, facts->size, note->root, facts->root,
                                        facts->proof)) {
    return fail(kCommand, kExitFailure,
                "history was rewritten: the tree of " + std::to_string(facts->size) +
                    " events does not extend the checkpoint of " + std::to_string(note->size) +
                    " (" + note->origin + ")");
  }
  std::cout << "extends: the log (tree of " << facts->size << " events) extends the checkpoint of "
            << note->size << " events signed by " << note->origin
            << (note->extension.empty() ? "" : " (" + note->extension + ")") << "\n";
  return kExitOk;
}

int check(const Args& args, const std::string& file) {
  if (!args.has("public-key")) {
    return fail(kCommand, kExitUsage, "check needs --public-key PUB, kept apart from FILE", kUsage);
  }
  std::ifstream in(file);
  if (!in) return fail(kCommand, kExitUsage, "cannot read " + file);
  std::stringstream text;
  text << in.rdbuf();
  if (!text.str().starts_with("{")) return check_note(args, file, text.str());
  const auto json = nlohmann::json::parse(text.str(), nullptr, false);
  auto head = signed_head_from_json(json);
  if (!head.ok()) return fail(kCommand, kExitUsage, file + ": " + head.error().message);
  auto expected_key = public_key_hex(args.get("public-key", ""));
  if (!expected_key.ok()) return fail(kCommand, kExitUsage, expected_key.error().message);
  if (*expected_key != head->public_key) {
    return fail(kCommand, kExitFailure, file + " was signed with another key");
  }
  if (!signature_holds(*head)) {
    return fail(kCommand, kExitFailure, file + ": the signature does not hold");
  }
  auto facts = facts_of(args, head->position);
  if (!facts.ok()) return facts_failed(facts.error());
  if (!facts->intact) return fail(kCommand, kExitFailure, facts->broken);
  if (facts->head < head->position) {
    return fail(kCommand, kExitFailure,
                "the log ends at " + std::to_string(facts->head) + ", before the signed position " +
                    std::to_string(head->position) + ": history was cut");
  }
  if (facts->hash_at_position != head->hash) {
    return fail(kCommand, kExitFailure,
                "history was rewritten: at position " + std::to_string(head->position) +
                    " the chain's hash is " + facts->hash_at_position + ", the head signed at " +
                    head->signed_at + " says " + head->hash);
  }
  std::cout << "extends: the log (head " << facts->head << ") extends the head signed at "
            << head->signed_at << " (position " << head->position << ")\n";
  return kExitOk;
}

}  // namespace

int checkpoint_main(int argc, char** argv) {
  Args args = parse_args(argc, argv, 3, {"data", "url", "token-file", "key", "out", "public-key"},
                         {"help"});
  const std::string action = argc > 2 ? argv[2] : "";
  if (action == "--help" || args.has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args.error) return fail(kCommand, kExitUsage, *args.error, kUsage);
  if (action == "keygen" && args.positional.empty()) return keygen(args);
  if (action == "sign" && args.positional.empty()) return sign_now(args);
  if (action == "check" && args.positional.size() == 1) return check(args, args.positional[0]);
  return fail(kCommand, kExitUsage, "say keygen, sign or check FILE", kUsage);
}

}  // namespace mandate::tools
