#pragma once

// Signs checkpoints of the Merkle tree as the log grows (tools/signed_note.h): once
// `every_events` events have been committed since the last one, or `interval` after it when
// the log moved at all, at start when the head passed the newest checkpoint, and at stop. Each
// is stored for good under its size (EventStore::put_tree_checkpoint) and served at
// GET /v1/chain/checkpoint.
//
// Thread-safety: start() and stop() from one thread; the signing runs on a thread of its own.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/time.h"
#include "events/store.h"

namespace mandate::tools {

struct TreeCheckpointOptions {
  std::string key_path;  // An Ed25519 private key (mandate checkpoint keygen).
  std::string origin;    // The log's name: the first line and the signature's key name.
  uint64_t every_events = 1000;
  std::chrono::seconds interval{60};
};

class TreeCheckpointer {
 public:
  // `store` must outlive this; `clock` gives the time written in each checkpoint.
  TreeCheckpointer(events::EventStore& store, TreeCheckpointOptions options,
                   std::function<core::Instant()> clock);
  ~TreeCheckpointer();
  TreeCheckpointer(const TreeCheckpointer&) = delete;
  TreeCheckpointer& operator=(const TreeCheckpointer&) = delete;

  // Signs the head if it passed the newest checkpoint (an error when the key cannot sign), then
  // keeps signing on the thread.
  core::Status start();
  // Signs the head if it moved since the last checkpoint, and stops the thread.
  void stop();

 private:
  void run();
  // Signs and stores a checkpoint of the head unless the last one has it already.
  core::Status sign_head();

  events::EventStore& store_;
  TreeCheckpointOptions options_;
  std::function<core::Instant()> clock_;
  uint64_t listener_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t signed_size_ = 0;  // Guarded by mu_ once the thread runs.
  uint64_t head_ = 0;         // The last head a commit reported; guarded by mu_.
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace mandate::tools
