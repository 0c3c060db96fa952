// The Merkle tree over a real store, held against RFC 9162 written again apart from the server
// (tests/support/rfc9162.h): the tree head of every size computed from the stored envelopes,
// and the RFC's verification algorithms run on the proofs the store gives.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "events/keys.h"
#include "events/raw_access.h"
#include "tests/events/store_fixture.h"
#include "tests/support/rfc9162.h"

namespace mandate::testing {
namespace {

using rfc9162::Digest;
using rfc9162::leaf;
using rfc9162::mth;
using rfc9162::verify_consistency;
using rfc9162::verify_inclusion;

Digest digest_of(const events::Hash& h) {
  return Digest(reinterpret_cast<const char*>(h.data()), h.size());
}
std::vector<Digest> digests_of(const std::vector<events::Hash>& hashes) {
  std::vector<Digest> out;
  for (const auto& h : hashes) out.push_back(digest_of(h));
  return out;
}

// The envelopes as stored: the tree's entries.
std::vector<std::string> entries_of(const events::EventStore& store) {
  std::vector<std::string> entries;
  REQUIRE(store
              .scan(1, store.head().position,
                    [&](const events::EventView& view) {
                      entries.emplace_back(view.envelope_bytes());
                      return true;
                    })
              .ok());
  return entries;
}

// Appends in the shapes a server makes: single events, and several events in one append.
void append_history(StoreFixture& f, int singles, int groups) {
  for (int i = 0; i < singles; ++i) {
    REQUIRE(f->append(one("agency:s" + std::to_string(i % 5), events::kAnyVersion), ctx()).ok());
  }
  for (int i = 0; i < groups; ++i) {
    REQUIRE(
        f->append(one("agency:g" + std::to_string(i % 3), events::kAnyVersion, 1 + i % 7), ctx())
            .ok());
  }
}

// Every tree head, and proofs across sizes, against the RFC written here.
void check_tree(const events::EventStore& store) {
  const auto entries = entries_of(store);
  const uint64_t n = entries.size();
  REQUIRE(n == store.head().position);
  std::vector<Digest> roots(n + 1);
  for (uint64_t size = 0; size <= n; ++size) {
    roots[size] = mth(entries, 0, size);
    const auto root = store.tree_root(size);
    REQUIRE(root.ok());
    REQUIRE(digest_of(*root) == roots[size]);
  }
  std::vector<uint64_t> sizes;
  for (uint64_t size = 1; size <= n; size += 13) sizes.push_back(size);
  for (uint64_t p = 1; p <= n; p *= 2) {
    for (uint64_t s : {p - 1, p, p + 1}) {
      if (s >= 1 && s <= n) sizes.push_back(s);
    }
  }
  sizes.push_back(n);
  for (const uint64_t size : sizes) {
    CAPTURE(size);
    for (uint64_t position = 1; position <= size; ++position) {
      CAPTURE(position);
      const auto path = store.inclusion_proof(position, size);
      REQUIRE(path.ok());
      REQUIRE(verify_inclusion(position - 1, size, leaf(entries[position - 1]), digests_of(*path),
                               roots[size]));
      const auto leaf_hash = store.leaf_hash(position);
      REQUIRE(leaf_hash.ok());
      REQUIRE(digest_of(*leaf_hash) == leaf(entries[position - 1]));
    }
    for (const uint64_t from : sizes) {
      if (from > size) continue;
      CAPTURE(from);
      const auto proof = store.consistency_proof(from, size);
      REQUIRE(proof.ok());
      REQUIRE(verify_consistency(from, size, roots[from], roots[size], digests_of(*proof)));
      // The server's own verifier (mandate checkpoint check) agrees.
      REQUIRE(events::merkle_consistency_holds(from, size, *store.tree_root(from),
                                               *store.tree_root(size), *proof));
      if (from < size) {
        CHECK_FALSE(events::merkle_consistency_holds(from, size, *store.tree_root(size),
                                                     *store.tree_root(size), *proof));
      }
    }
  }
}

TEST_CASE("the tree of every size is RFC 9162's, and its proofs verify", "[events][merkle]") {
  StoreFixture f;
  append_history(f, 37, 60);
  check_tree(f.store());
  // Reopened: the edge is loaded from the stored nodes and the tree goes on from it.
  f.reopen();
  append_history(f, 9, 20);
  check_tree(f.store());
}

TEST_CASE("the verifier written here refuses altered proofs", "[events][merkle]") {
  StoreFixture f;
  append_history(f, 20, 10);
  const uint64_t n = f->head().position;
  const auto entries = entries_of(f.store());
  const Digest root = mth(entries, 0, n);
  const auto stored_path = f->inclusion_proof(5, n);
  REQUIRE(stored_path.ok());
  auto path = digests_of(*stored_path);
  REQUIRE(verify_inclusion(4, n, leaf(entries[4]), path, root));
  CHECK_FALSE(verify_inclusion(5, n, leaf(entries[4]), path, root));  // Another index.
  CHECK_FALSE(verify_inclusion(4, n, leaf(entries[5]), path, root));  // Another entry.
  path[1][0] ^= 1;
  CHECK_FALSE(verify_inclusion(4, n, leaf(entries[4]), path, root));

  const auto stored_proof = f->consistency_proof(11, n);
  REQUIRE(stored_proof.ok());
  auto proof = digests_of(*stored_proof);
  const Digest old_root = mth(entries, 0, 11);
  REQUIRE(verify_consistency(11, n, old_root, root, proof));
  CHECK_FALSE(verify_consistency(11, n, mth(entries, 0, 12), root, proof));
  proof.back()[3] ^= 1;
  CHECK_FALSE(verify_consistency(11, n, old_root, root, proof));
}

TEST_CASE("a directory written before the tree gains it when opened", "[events][merkle]") {
  StoreFixture f;
  append_history(f, 30, 40);
  const uint64_t n = f->head().position;
  const auto root = f->tree_root(n);
  REQUIRE(root.ok());
  // Remove the tree, as a directory of an earlier version has none.
  for (uint8_t level = 0; (n >> level) > 0; ++level) {
    for (uint64_t index = 0; index < (n >> level); ++index) {
      REQUIRE(events::RawAccess::erase(f.store(), "tree", events::tree_key(level, index)).ok());
    }
  }
  REQUIRE(events::RawAccess::erase(f.store(), "meta", events::kMetaTreeSize).ok());
  CHECK_FALSE(f->tree_root(n).ok());
  f.reopen();
  const auto rebuilt = f->tree_root(n);
  REQUIRE(rebuilt.ok());
  CHECK(*rebuilt == *root);
  append_history(f, 5, 5);
  check_tree(f.store());
}

TEST_CASE("verify_tree finds a stored node that no longer matches its events", "[events][merkle]") {
  StoreFixture f;
  append_history(f, 40, 20);
  const auto intact = f->verify_tree();
  CHECK(intact.ok);
  CHECK(intact.checked == f->head().position);
  // The node over events 17 to 32, rewritten behind the store's back.
  std::string forged(events::kHashSize, '\x5a');
  REQUIRE(events::RawAccess::put(f.store(), "tree", events::tree_key(4, 1), forged).ok());
  const auto broken = f->verify_tree();
  CHECK_FALSE(broken.ok);
  CHECK(broken.first_bad == std::optional<uint64_t>(17));
  CHECK(broken.problem.find("level 4") != std::string::npos);
}

TEST_CASE("sizes and positions outside the log are refused", "[events][merkle]") {
  StoreFixture f;
  append_history(f, 10, 0);
  CHECK(f->tree_root(11).error().code == core::ErrorCode::kValidationFailed);
  CHECK(f->inclusion_proof(0, 5).error().code == core::ErrorCode::kValidationFailed);
  CHECK(f->inclusion_proof(6, 5).error().code == core::ErrorCode::kValidationFailed);
  CHECK(f->inclusion_proof(1, 11).error().code == core::ErrorCode::kValidationFailed);
  CHECK(f->consistency_proof(0, 5).error().code == core::ErrorCode::kValidationFailed);
  CHECK(f->consistency_proof(6, 5).error().code == core::ErrorCode::kValidationFailed);
  CHECK(f->consistency_proof(5, 11).error().code == core::ErrorCode::kValidationFailed);
  CHECK(f->leaf_hash(11).error().code == core::ErrorCode::kNotFound);
  CHECK(f->consistency_proof(5, 5).value_or(std::vector<events::Hash>(1)).empty());
}

}  // namespace
}  // namespace mandate::testing
