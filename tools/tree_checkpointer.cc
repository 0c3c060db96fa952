#include "tools/tree_checkpointer.h"

#include <iostream>

#include "tools/signed_note.h"

namespace mandate::tools {
namespace {

void log_error(const std::string& msg, const std::string& detail) {
  std::cerr << R"({"level":"error","msg":")" << msg << R"(","detail":")" << detail << "\"}"
            << std::endl;
}

}  // namespace

TreeCheckpointer::TreeCheckpointer(events::EventStore& store, TreeCheckpointOptions options,
                                   std::function<core::Instant()> clock)
    : store_(store), options_(std::move(options)), clock_(std::move(clock)) {}

TreeCheckpointer::~TreeCheckpointer() { stop(); }

core::Status TreeCheckpointer::sign_head() {
  const auto head = store_.head();
  {
    std::lock_guard lock(mu_);
    if (head.position == 0 || head.position <= signed_size_) return core::ok_status();
  }
  ASSIGN_OR_RETURN(auto root, store_.tree_root(head.position));
  // The time is an extension line: verifiers that know only tlog-checkpoint pass over it.
  const std::string body = checkpoint_body(options_.origin, head.position, root,
                                           "time " + core::format_instant(clock_()));
  ASSIGN_OR_RETURN(auto note, sign_note(body, options_.origin, options_.key_path));
  RETURN_IF_ERROR(store_.put_tree_checkpoint(head.position, note));
  std::lock_guard lock(mu_);
  signed_size_ = head.position;
  return core::ok_status();
}

core::Status TreeCheckpointer::start() {
  ASSIGN_OR_RETURN(auto newest, store_.tree_checkpoint());
  signed_size_ = newest ? newest->first : 0;
  head_ = store_.head().position;
  RETURN_IF_ERROR(sign_head());
  listener_ = store_.add_commit_listener([this](uint64_t head) {
    std::lock_guard lock(mu_);
    head_ = head;
    if (head_ >= signed_size_ + options_.every_events) cv_.notify_one();
  });
  thread_ = std::thread([this] { run(); });
  return core::ok_status();
}

void TreeCheckpointer::run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    // Woken by a commit once enough events passed, or by the interval.
    cv_.wait_for(lock, options_.interval,
                 [&] { return stopping_ || head_ >= signed_size_ + options_.every_events; });
    if (stopping_) break;
    if (head_ <= signed_size_) continue;
    lock.unlock();
    if (auto st = sign_head(); !st.ok()) log_error("checkpoint not signed", st.error().message);
    lock.lock();
  }
}

void TreeCheckpointer::stop() {
  if (!thread_.joinable()) return;
  store_.remove_commit_listener(listener_);
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
  if (auto st = sign_head(); !st.ok()) log_error("checkpoint not signed", st.error().message);
}

}  // namespace mandate::tools
