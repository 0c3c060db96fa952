#pragma once

// What the core tests share: dates and instants from text, callers of each role, an in-memory
// log that appends Decisions as the store would, and one-line descriptions of events so that a
// table row can say which events it expects.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/caller.h"
#include "core/decision.h"
#include "core/event.h"
#include "core/result.h"
#include "core/time.h"
#include "core/vocabulary.h"

namespace mandate::core::testing {

// ---- Time ----

inline Date day(std::string_view ymd) {
  auto d = parse_date(ymd);
  MANDATE_CHECK(d.has_value(), "a test date is YYYY-MM-DD");
  return *d;
}

inline Instant instant(std::string_view rfc3339) {
  auto i = parse_instant(rfc3339);
  MANDATE_CHECK(i.has_value(), "a test instant is RFC 3339");
  return *i;
}

// ---- Callers ----

inline Caller caller_with(std::string agency, std::vector<Role> roles) {
  std::string user = roles.empty() ? "nobody" : std::string(name_of(roles.front()));
  if (!agency.empty()) user += "@" + agency;
  return Caller{std::move(user), std::move(agency), std::move(roles), Clearance::kSecret};
}
inline Caller officer(std::string agency) {
  return caller_with(std::move(agency), {Role::kOfficer});
}
inline Caller coordinator(std::string agency = "cong-an-tinh") {
  return caller_with(std::move(agency), {Role::kCoordinator});
}
inline Caller admin() { return caller_with("", {Role::kAdmin}); }
inline Caller auditor() { return caller_with("van-phong", {Role::kAuditor}); }
inline Caller approver(std::string agency) {
  return caller_with(std::move(agency), {Role::kApprover});
}

// ---- The log ----

// Appends as the store does: a Decision entirely or not at all, each write's expected version
// checked against its stream. Every event gets the next global position, the next version of
// its stream, the caller as actor and recorded_at = the log's clock, which then advances by one
// second. Not thread-safe.
class TestLog {
 public:
  explicit TestLog(Instant start = instant("2025-01-01T00:00:00Z")) : clock_(start) {}

  // False, appending nothing, when an expected version does not match.
  bool append(const Decision& decision, const Caller& by) {
    std::map<std::string, uint64_t> heads;
    for (const StreamWrite& w : decision) {
      auto [it, fresh] = heads.try_emplace(w.stream, version(w.stream));
      if (it->second != w.expected_version) return false;
      it->second += w.events.size();
    }
    for (const StreamWrite& w : decision) {
      for (const NewEvent& e : w.events) record(w.stream, e.data, by, e.occurred_at);
    }
    return true;
  }

  // Appends events to one stream without a decision: how a test builds history.
  void append(const std::string& stream, const std::vector<EventData>& events,
              const Caller& by = caller_with("", {Role::kAdmin})) {
    for (const EventData& e : events) record(stream, e, by, std::nullopt);
  }

  uint64_t version(std::string_view stream) const {
    auto it = versions_.find(std::string(stream));
    return it == versions_.end() ? 0 : it->second;
  }

  std::vector<RecordedEvent> stream(std::string_view name) const {
    std::vector<RecordedEvent> out;
    for (const RecordedEvent& e : events_) {
      if (e.stream == name) out.push_back(e);
    }
    return out;
  }

  const std::vector<RecordedEvent>& all() const { return events_; }
  Instant clock() const { return clock_; }

  // The state of one stream folded from nothing.
  template <typename State>
  State fold(std::string_view name) const {
    State state;
    for (const RecordedEvent& e : stream(name)) evolve(state, e);
    return state;
  }

 private:
  void record(const std::string& stream, const EventData& data, const Caller& by,
              std::optional<Instant> occurred_at) {
    RecordedEvent e;
    e.position = events_.size() + 1;
    e.stream = stream;
    e.version = ++versions_[stream];
    e.recorded_at = clock_;
    e.occurred_at = occurred_at.value_or(clock_);
    e.actor = by.actor();
    e.data = data;
    events_.push_back(std::move(e));
    clock_.micros += kMicrosPerSecond;
  }

  Instant clock_;
  std::vector<RecordedEvent> events_;
  std::map<std::string, uint64_t> versions_;
};

// ---- Descriptions ----

inline std::string join(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
  return out + "]";
}

// One line per event, e.g. "task.acknowledged agency=so-tu-phap revision=1". Plan and task
// creation events name their key fields only; the plan tests check them field by field.
inline std::string describe(const EventData& data) {
  std::string out = event_type_name(data);
  auto kv = [&out](std::string_view k, const std::string& v) {
    out.append(" ").append(k).append("=").append(v);
  };
  if (const auto* e = std::get_if<PlanDrafted>(&data)) {
    kv("id", e->id);
  } else if (const auto* e = std::get_if<PlanTaskAdded>(&data)) {
    kv("id", e->task.id);
  } else if (const auto* e = std::get_if<PlanIssued>(&data)) {
    kv("task_ids", join(e->task_ids));
  } else if (const auto* e = std::get_if<TaskAssigned>(&data)) {
    kv("id", e->id);
    kv("lead", e->lead);
    kv("coordinators", join(e->coordinators));
    kv("due_on", e->due_on ? format_date(*e->due_on) : "undated");
  } else if (const auto* e = std::get_if<TaskAcknowledged>(&data)) {
    kv("agency", e->agency);
    kv("revision", std::to_string(e->revision));
  } else if (const auto* e = std::get_if<TaskProgressReported>(&data)) {
    kv("agency", e->agency);
    kv("note", e->note);
    if (e->percent) kv("percent", std::to_string(*e->percent));
  } else if (const auto* e = std::get_if<TaskSubmitted>(&data)) {
    kv("agency", e->agency);
    kv("submission", std::to_string(e->submission));
    std::vector<std::string> refs;
    for (const Evidence& ev : e->evidence) refs.push_back(ev.ref);
    kv("evidence", join(refs));
  } else if (const auto* e = std::get_if<TaskApproved>(&data)) {
    kv("submission", std::to_string(e->submission));
  } else if (const auto* e = std::get_if<TaskReturned>(&data)) {
    kv("submission", std::to_string(e->submission));
    kv("reason", e->reason);
  } else if (const auto* e = std::get_if<TaskExtended>(&data)) {
    kv("from", format_date(e->previous_due_on));
    kv("to", format_date(e->due_on));
  } else if (const auto* e = std::get_if<TaskRevised>(&data)) {
    if (e->description) kv("description", *e->description);
    kv("added", join(e->coordinators_added));
    kv("removed", join(e->coordinators_removed));
  } else if (const auto* e = std::get_if<TaskCancelled>(&data)) {
    kv("reason", e->reason);
  } else if (const auto* e = std::get_if<DifficultyRaised>(&data)) {
    kv("id", e->id);
    kv("task", e->task);
    kv("agency", e->agency);
    kv("text", e->text);
  } else if (const auto* e = std::get_if<GuidanceGiven>(&data)) {
    kv("text", e->text);
  }
  return out;
}

// Every event of a decision, "<stream>@<expected version> <description>".
inline std::vector<std::string> describe(const Decision& decision) {
  std::vector<std::string> out;
  for (const StreamWrite& w : decision) {
    for (const NewEvent& e : w.events) {
      out.push_back(w.stream + "@" + std::to_string(w.expected_version) + " " + describe(e.data));
    }
  }
  return out;
}

// "code field: message" of a failed Result, or "ok".
template <typename T>
std::string describe(const Result<T>& result) {
  if (result.ok()) return "ok";
  const Error& e = result.error();
  return std::string(error_code_name(e.code)) + " " + e.field + ": " + e.message;
}

}  // namespace mandate::core::testing
