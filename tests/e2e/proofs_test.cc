// The Merkle tree's proofs through the real server: every inclusion proof leads to the root
// GET /v1/chain serves, a root kept before a restart is proven to be extended by the root
// after it, and the proofs' bad parameters are refused. Checked with RFC 9162's algorithms as
// written in tests/support/rfc9162.h, not with the server's.

#include <catch2/catch.hpp>

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

}  // namespace
}  // namespace mandate::testing
