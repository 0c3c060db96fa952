// The Merkle tree's proofs through the real server: every inclusion proof leads to the root
// GET /v1/chain serves, a root kept before a restart is proven to be extended by the root
// after it, and the proofs' bad parameters are refused. Checked with RFC 9162's algorithms as
// written in tests/support/rfc9162.h, not with the server's. The signed checkpoints are read
// as C2SP signed notes and their Ed25519 signatures checked here with OpenSSL.

#include <algorithm>
#include <cstdio>
#include <sstream>

#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "tests/e2e/cli_run.h"
#include "tests/e2e/server_process.h"
#include "tests/support/rfc9162.h"
#include "tests/support/temp_dir.h"

namespace mandate::testing {
namespace {

using nlohmann::json;

std::vector<rfc9162::Digest> digests(const json& hex_list) {
  std::vector<rfc9162::Digest> out;
  for (const auto& h : hex_list) out.push_back(rfc9162::from_hex(h.get<std::string>()));
  return out;
}

void add_agencies(ServerProcess& server, const std::string& prefix, int count) {
  for (int i = 0; i < count; ++i) {
    const std::string id = prefix + std::to_string(i);
    REQUIRE(server.post("/v1/agencies", server.admin_token(), {{"id", id}, {"name", "Sở " + id}})
                .status == 201);
  }
}

// Every position's proof in the tree of `size` leads to `root`.
void check_inclusions(const ServerProcess& server, uint64_t size, const std::string& root) {
  for (uint64_t position = 1; position <= size; ++position) {
    CAPTURE(position, size);
    const auto r = server.get("/v1/chain/inclusion?position=" + std::to_string(position) +
                                  "&size=" + std::to_string(size),
                              server.admin_token());
    REQUIRE(r.status == 200);
    const json body = r.json();
    CHECK(body["root_hash"] == root);
    CHECK(rfc9162::verify_inclusion(position - 1, size,
                                    rfc9162::from_hex(body["leaf_hash"].get<std::string>()),
                                    digests(body["proof"]), rfc9162::from_hex(root)));
  }
}

TEST_CASE("proofs from the server verify against its roots, across a restart", "[e2e][proofs]") {
  TempDir dir;
  uint64_t old_size = 0;
  std::string old_root;
  {
    ServerProcess server(dir.sub("data"));
    add_agencies(server, "a", 12);
    const json chain = server.get("/v1/chain", server.admin_token()).json();
    old_size = chain["tree_size"].get<uint64_t>();
    old_root = chain["root_hash"].get<std::string>();
    CHECK(old_size == chain["head_position"].get<uint64_t>());
    check_inclusions(server, old_size, old_root);
    REQUIRE(server.stop() == 0);
  }
  ServerProcess server(dir.sub("data"));
  add_agencies(server, "b", 9);
  const json chain = server.get("/v1/chain", server.admin_token()).json();
  const uint64_t size = chain["tree_size"].get<uint64_t>();
  const std::string root = chain["root_hash"].get<std::string>();
  REQUIRE(size > old_size);
  check_inclusions(server, size, root);
  // The root kept from before the restart is the one the tree of that size still has.
  check_inclusions(server, old_size, old_root);

  for (uint64_t from = 1; from <= size; ++from) {
    CAPTURE(from);
    const auto r =
        server.get("/v1/chain/consistency?from=" + std::to_string(from), server.admin_token());
    REQUIRE(r.status == 200);
    const json body = r.json();
    CHECK(body["to"] == size);
    CHECK(body["to_root_hash"] == root);
    CHECK(rfc9162::verify_consistency(from, size,
                                      rfc9162::from_hex(body["from_root_hash"].get<std::string>()),
                                      rfc9162::from_hex(root), digests(body["proof"])));
    if (from == old_size) CHECK(body["from_root_hash"] == old_root);
  }
  // A root the log never had does not verify.
  std::string other = old_root;
  other[0] = other[0] == '0' ? '1' : '0';
  const json proof =
      server.get("/v1/chain/consistency?from=" + std::to_string(old_size), server.admin_token())
          .json();
  CHECK_FALSE(rfc9162::verify_consistency(old_size, size, rfc9162::from_hex(other),
                                          rfc9162::from_hex(root), digests(proof["proof"])));
}

TEST_CASE("proofs refuse sizes and positions outside the log", "[e2e][proofs]") {
  TempDir dir;
  ServerProcess server(dir.sub("data"));
  add_agencies(server, "a", 3);
  const uint64_t head = server.get("/v1/chain", server.admin_token()).json()["head_position"];
  const std::string past = std::to_string(head + 1);
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"/v1/chain/inclusion", "position"},
      {"/v1/chain/inclusion?position=0", "position"},
      {"/v1/chain/inclusion?position=3&size=2", "position"},
      {"/v1/chain/inclusion?position=1&size=" + past, "size"},
      {"/v1/chain/inclusion?position=1&size=0", "size"},
      {"/v1/chain/inclusion?position=x", "position"},
      {"/v1/chain/consistency", "from"},
      {"/v1/chain/consistency?from=3&to=2", "from"},
      {"/v1/chain/consistency?from=1&to=" + past, "to"},
  };
  for (const auto& [target, field] : bad) {
    CAPTURE(target);
    const auto r = server.get(target, server.admin_token());
    CHECK(r.status == 422);
    CHECK(r.header("content-type") == "application/problem+json");
    CHECK(r.json()["code"] == "validation_failed");
    CHECK(r.json()["field"] == field);
  }
}

// A signed note split as C2SP signed-note defines it: the text up to the blank line, and the
// signature lines after it.
struct Note {
  std::string body;
  std::vector<std::string> lines;  // Of the body.
  std::string signer;
  std::string signature;  // base64(key id ‖ signature).
};

Note parse_note(const std::string& text) {
  Note note;
  const size_t blank = text.find("\n\n");
  REQUIRE(blank != std::string::npos);
  note.body = text.substr(0, blank + 1);
  std::istringstream lines(note.body);
  for (std::string line; std::getline(lines, line);) note.lines.push_back(line);
  const std::string signature_line = text.substr(blank + 2);
  const std::string dash = "\u2014 ";
  REQUIRE(signature_line.rfind(dash, 0) == 0);
  REQUIRE(signature_line.back() == '\n');
  const std::string rest =
      signature_line.substr(dash.size(), signature_line.size() - dash.size() - 1);
  const size_t space = rest.find(' ');
  REQUIRE(space != std::string::npos);
  note.signer = rest.substr(0, space);
  note.signature = rest.substr(space + 1);
  return note;
}

std::string base64_decode(const std::string& text) {
  std::string out(text.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  REQUIRE(n >= 0);
  out.resize(static_cast<size_t>(n) - std::count(text.begin(), text.end(), '='));
  return out;
}

// The note's signature verifies under the public key in `pub_path`, with the key id C2SP
// signed-note gives an Ed25519 key of that name.
bool signature_verifies(const Note& note, const std::string& pub_path) {
  FILE* file = std::fopen(pub_path.c_str(), "r");
  REQUIRE(file != nullptr);
  EVP_PKEY* key = PEM_read_PUBKEY(file, nullptr, nullptr, nullptr);
  std::fclose(file);
  REQUIRE(key != nullptr);
  unsigned char raw[32];
  size_t raw_length = sizeof raw;
  REQUIRE(EVP_PKEY_get_raw_public_key(key, raw, &raw_length) == 1);
  const std::string id_input = note.signer + "\n" + std::string(1, '\x01') +
                               std::string(reinterpret_cast<const char*>(raw), raw_length);
  const std::string key_id = rfc9162::sha256(id_input).substr(0, 4);
  const std::string decoded = base64_decode(note.signature);
  bool ok = decoded.size() == 68 && decoded.substr(0, 4) == key_id;
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  ok = ok && EVP_DigestVerifyInit(context, nullptr, nullptr, nullptr, key) == 1 &&
       EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(decoded.data() + 4), 64,
                        reinterpret_cast<const unsigned char*>(note.body.data()),
                        note.body.size()) == 1;
  EVP_MD_CTX_free(context);
  EVP_PKEY_free(key);
  return ok;
}

// The checkpoint's size and root are those the tree of that size has.
void check_checkpoint(const ServerProcess& server, const Note& note, uint64_t size) {
  REQUIRE(note.lines.size() == 4);
  CHECK(note.lines[0] == "vn-la/log");
  CHECK(note.lines[1] == std::to_string(size));
  CHECK(note.lines[3].rfind("time 20", 0) == 0);
  CHECK(note.signer == "vn-la/log");
  const json proof =
      server
          .get("/v1/chain/inclusion?position=1&size=" + std::to_string(size), server.admin_token())
          .json();
  CHECK(base64_decode(note.lines[2]) == rfc9162::from_hex(proof["root_hash"].get<std::string>()));
}

TEST_CASE("the server signs checkpoints at start and stop, and keeps every one", "[e2e][proofs]") {
  TempDir dir;
  const std::string key = dir.sub("log.key");
  REQUIRE(run_mandate({"checkpoint", "keygen", "--key", key}).exit_code == 0);
  const std::vector<std::string> flags = {
      "--checkpoint-key", key, "--checkpoint-origin", "vn-la/log", "--checkpoint-every", "100000"};
  uint64_t first = 0, second = 0;
  {
    ServerProcess server(dir.sub("data"), flags);
    const auto at_start = server.get("/v1/chain/checkpoint", server.admin_token());
    REQUIRE(at_start.status == 200);
    CHECK(at_start.header("content-type") == "text/plain; charset=utf-8");
    const Note note = parse_note(at_start.body);
    first = server.get("/v1/chain", server.admin_token()).json()["head_position"];
    check_checkpoint(server, note, first);
    CHECK(signature_verifies(note, key + ".pub"));
    // A note altered by one byte no longer verifies.
    Note altered = note;
    altered.body[altered.body.size() - 3] ^= 1;
    CHECK_FALSE(signature_verifies(altered, key + ".pub"));
    add_agencies(server, "a", 5);
    second = server.get("/v1/chain", server.admin_token()).json()["head_position"];
    REQUIRE(server.stop() == 0);
  }
  ServerProcess server(dir.sub("data"));  // Without the key: what was signed is still served.
  const Note at_stop = parse_note(server.get("/v1/chain/checkpoint", server.admin_token()).body);
  check_checkpoint(server, at_stop, second);
  CHECK(signature_verifies(at_stop, key + ".pub"));
  const auto kept =
      server.get("/v1/chain/checkpoint?size=" + std::to_string(first), server.admin_token());
  REQUIRE(kept.status == 200);
  check_checkpoint(server, parse_note(kept.body), first);
  const auto never =
      server.get("/v1/chain/checkpoint?size=" + std::to_string(first + 1), server.admin_token());
  CHECK(never.status == 404);
  CHECK(never.json()["code"] == "not_found");
}

}  // namespace
}  // namespace mandate::testing
