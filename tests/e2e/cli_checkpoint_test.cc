// `mandate checkpoint keygen|sign|check`: a head signed before a rewrite catches it, even when
// the rewriter recomputed every hash after the change so that `mandate verify` is satisfied.

#include <memory>

#include <nlohmann/json.hpp>
#include <rocksdb/db.h>

#include "events/keys.h"
#include "events/record.h"
#include "tests/e2e/cli_run.h"

namespace mandate::testing {
namespace {

// What someone with write access to the files could do: change one byte of the first event
// whose envelope holds `needle`, recompute the chain from there to the head, and store it all.
void rewrite_and_rechain(const std::string& log_dir, const std::string& needle) {
  rocksdb::Options options;
  std::vector<std::string> names;
  REQUIRE(rocksdb::DB::ListColumnFamilies(options, log_dir, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  REQUIRE(rocksdb::DB::Open(options, log_dir, families, &handles, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::ColumnFamilyHandle *events = nullptr, *meta = nullptr;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "events") events = handles[i];
    if (names[i] == "meta") meta = handles[i];
  }
  REQUIRE(events != nullptr);
  REQUIRE(meta != nullptr);

  rocksdb::WriteBatch batch;
  events::Hash previous{};
  bool rewriting = false;
  uint64_t position = 0;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), events));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    position = events::get_u64_be(std::string_view(it->key().data(), it->key().size()));
    auto parts = events::split_record(std::string_view(it->value().data(), it->value().size()));
    REQUIRE(parts.ok());
    std::string envelope(parts->envelope);
    const size_t at = envelope.find(needle);
    if (!rewriting && at != std::string::npos) {
      envelope[at] = static_cast<char>(envelope[at] ^ 0x01);  // One letter changed.
      rewriting = true;
    }
    const events::Hash hash = rewriting ? events::chain_hash(previous, envelope) : parts->hash;
    if (rewriting) {
      batch.Put(events, it->key(), events::make_record(hash, envelope));
    }
    previous = hash;
  }
  REQUIRE(rewriting);
  std::string head;
  events::put_u64_be(head, position);
  head.append(reinterpret_cast<const char*>(previous.data()), previous.size());
  batch.Put(meta, events::kMetaChainHead, head);
  REQUIRE(db->Write(rocksdb::WriteOptions(), &batch).ok());
  for (auto* handle : handles) REQUIRE(db->DestroyColumnFamilyHandle(handle).ok());
}

TEST_CASE("a signed head proves the log extends it, and catches a rewritten history",
          "[e2e][cli][checkpoint]") {
  TempDir dir;
  const std::string data = dir.sub("data"), key = dir.sub("signer.key");
  {
    ServerProcess server(data);
    REQUIRE(server
                .post("/v1/agencies", server.admin_token(),
                      {{"id", "so-tu-phap"}, {"name", "Sở Tư pháp"}})
                .status == 201);
    REQUIRE(server.stop() == 0);
  }
  const CliRun keygen = run_mandate({"checkpoint", "keygen", "--key", key});
  INFO(keygen.err);
  REQUIRE(keygen.exit_code == 0);
  CHECK(run_mandate({"checkpoint", "keygen", "--key", key}).exit_code == 1);  // Never overwritten.

  const CliRun signed_now = run_mandate(
      {"checkpoint", "sign", "--key", key, "--out", dir.sub("head.json"), "--data", data});
  INFO(signed_now.err);
  REQUIRE(signed_now.exit_code == 0);
  const auto head = nlohmann::json::parse(read_text(dir.sub("head.json")));
  CHECK(head["position"].get<uint64_t>() >= 3);

  // The log grows: it still extends the signed head, offline and through the API.
  {
    ServerProcess server(data);
    REQUIRE(server
                .post("/v1/agencies", server.admin_token(),
                      {{"id", "so-ngoai-vu"}, {"name", "Sở Ngoại vụ"}})
                .status == 201);
    const CliRun online =
        run_mandate({"checkpoint", "check", dir.sub("head.json"), "--public-key", key + ".pub",
                     "--url", "http://127.0.0.1:" + std::to_string(server.port()), "--token-file",
                     data + "/admin.token"});
    INFO(online.err);
    CHECK(online.exit_code == 0);
    REQUIRE(server.stop() == 0);
  }
  const CliRun extends = run_mandate(
      {"checkpoint", "check", dir.sub("head.json"), "--public-key", key + ".pub", "--data", data});
  INFO(extends.err);
  CHECK(extends.exit_code == 0);
  CHECK(contains(extends.out, "extends"));

  // Another key's public half, and a signature tampered with, are refused.
  REQUIRE(run_mandate({"checkpoint", "keygen", "--key", dir.sub("other.key")}).exit_code == 0);
  CHECK(run_mandate({"checkpoint", "check", dir.sub("head.json"), "--public-key",
                     dir.sub("other.key.pub"), "--data", data})
            .exit_code == 1);
  auto forged = head;
  forged["position"] = head["position"].get<uint64_t>() + 1;
  write_text(dir.sub("forged.json"), forged.dump());
  const CliRun bad_signature = run_mandate({"checkpoint", "check", dir.sub("forged.json"),
                                            "--public-key", key + ".pub", "--data", data});
  CHECK(bad_signature.exit_code == 1);
  CHECK(contains(bad_signature.err, "signature"));

  // The rewrite: "Sở Tư pháp" becomes another name, and the chain is recomputed after it.
  rewrite_and_rechain(data + "/log", "Tư pháp");
  CHECK(run_mandate({"verify", "--data", data}).exit_code == 0);  // Re-chained: verify agrees.
  const CliRun caught = run_mandate(
      {"checkpoint", "check", dir.sub("head.json"), "--public-key", key + ".pub", "--data", data});
  CHECK(caught.exit_code == 1);
  CHECK(contains(caught.err, "rewritten"));
}

TEST_CASE("a checkpoint the server signed proves by consistency that the log only grew",
          "[e2e][cli][checkpoint]") {
  TempDir dir;
  const std::string data = dir.sub("data"), key = dir.sub("log.key");
  REQUIRE(run_mandate({"checkpoint", "keygen", "--key", key}).exit_code == 0);
  const std::vector<std::string> signing = {"--checkpoint-key", key, "--checkpoint-origin",
                                            "vn-la/log"};
  {
    ServerProcess server(data, signing);
    REQUIRE(server
                .post("/v1/agencies", server.admin_token(),
                      {{"id", "so-tu-phap"}, {"name", "Sở Tư pháp"}})
                .status == 201);
    REQUIRE(server.stop() == 0);  // Signs the head.
  }
  ServerProcess server(data);
  const auto note = server.get("/v1/chain/checkpoint", server.admin_token());
  REQUIRE(note.status == 200);
  write_text(dir.sub("checkpoint.txt"), note.body);
  REQUIRE(server
              .post("/v1/agencies", server.admin_token(),
                    {{"id", "so-ngoai-vu"}, {"name", "Sở Ngoại vụ"}})
              .status == 201);
  const std::vector<std::string> check = {"checkpoint", "check", dir.sub("checkpoint.txt"),
                                          "--public-key", key + ".pub"};
  auto online = check;
  online.insert(online.end(), {"--url", "http://127.0.0.1:" + std::to_string(server.port()),
                               "--token-file", data + "/admin.token"});
  const CliRun grown = run_mandate(online);
  INFO(grown.err);
  CHECK(grown.exit_code == 0);
  CHECK(contains(grown.out, "extends"));
  CHECK(contains(grown.out, "signed by vn-la/log"));
  REQUIRE(server.stop() == 0);

  auto offline = check;
  offline.push_back("--data");
  offline.push_back(data);
  CHECK(run_mandate(offline).exit_code == 0);

  // Another key, and a note whose size was changed, are refused.
  REQUIRE(run_mandate({"checkpoint", "keygen", "--key", dir.sub("other.key")}).exit_code == 0);
  auto other = offline;
  other[4] = dir.sub("other.key.pub");
  CHECK(run_mandate(other).exit_code == 1);
  std::string forged = note.body;
  forged.replace(forged.find('\n') + 1, 1, "9");
  write_text(dir.sub("forged.txt"), forged);
  auto forged_check = offline;
  forged_check[2] = dir.sub("forged.txt");
  const CliRun refused = run_mandate(forged_check);
  CHECK(refused.exit_code == 1);
  CHECK(contains(refused.err, "no signature"));

  // A rewrite of an event the checkpoint covers, re-chained so that the chain holds again.
  rewrite_and_rechain(data + "/log", "Tư pháp");
  const CliRun caught = run_mandate(offline);
  CHECK(caught.exit_code == 1);
  CHECK(contains(caught.err, "rewritten"));
}

TEST_CASE("checkpoint refuses what it cannot do, with its exit code", "[e2e][cli][checkpoint]") {
  TempDir dir;
  CHECK(run_mandate({"checkpoint", "sign", "--data", dir.sub("d")}).exit_code == 2);  // No key.
  REQUIRE(run_mandate({"checkpoint", "keygen", "--key", dir.sub("k")}).exit_code == 0);
  CHECK(run_mandate({"checkpoint", "sign", "--key", dir.sub("k"), "--data", dir.sub("d")})
            .exit_code == 3);
  CHECK(run_mandate(
            {"checkpoint", "check", dir.sub("missing.json"), "--public-key", dir.sub("k.pub")})
            .exit_code == 2);
  CHECK(run_mandate({"checkpoint", "check", dir.sub("k.pub")}).exit_code == 2);  // No key.
  CHECK(run_mandate({"checkpoint"}).exit_code == 2);
}

}  // namespace
}  // namespace mandate::testing
