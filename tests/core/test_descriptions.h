#pragma once

// Events, decisions and results as one-line strings, so that a table row can say which events
// or which refusal it expects.

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/decision.h"
#include "core/event.h"
#include "core/result.h"
#include "core/time.h"
#include "core/vocabulary.h"

namespace mandate::core::testing {

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

// "code field" of a failed Result, or "ok": the refusal without its message, which a table row
// need not repeat.
template <typename T>
std::string outcome(const Result<T>& result) {
  if (result.ok()) return "ok";
  const Error& e = result.error();
  return std::string(error_code_name(e.code)) + (e.field.empty() ? "" : " " + e.field);
}

}  // namespace mandate::core::testing
