#pragma once

// An inspection (thanh tra, kiểm tra) of an agency, stream "inspection:<id>". The focal agency
// plans periodic or surprise inspections of the agencies under the plans it coordinates (seed
// 004 II.8 and III.2; seed 002 III.5 nationally): each records when it is scheduled, the
// inspected agency, the team, its scope and, as it is carried out, its findings. A finding that
// needs remedy opens a follow-up task for the inspected agency, with the remedy's deadline as
// its due date, tracked to closure like any task and decided by the inspecting agency's
// coordinators. The inspection closes, with a conclusion, once every follow-up task is approved
// or cancelled; after that it takes nothing more.
//
// planned -> in_progress (the first finding recorded: the inspection has been carried out)
// -> closed. An inspection with no findings may be closed straight from planned.
//
// An officer with no other role sees only the inspections of its own agency (the inspected
// one); every other caller sees all of them.
//
// Thread-compatible: plain values and pure functions.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/caller.h"
#include "core/decision.h"
#include "core/directory.h"
#include "core/event.h"
#include "core/result.h"
#include "core/time.h"
#include "core/vocabulary.h"

namespace mandate::core {

// An inspection's id is a slug of at most this many characters, so that the ids of its
// follow-up tasks ("<id>-f<number>", core::follow_up_task_id) stay within a task id's length.
inline constexpr size_t kMaxInspectionIdLength = 48;
// At most this many findings per inspection (so "-f1000" is the longest suffix).
inline constexpr uint32_t kMaxFindingsPerInspection = 1000;

struct InspectionFinding {
  uint32_t number = 0;
  std::string text;
  FindingSeverity severity = FindingSeverity::kLow;
  std::optional<Date> remedy_due_on;
  std::string follow_up_task;  // Empty when no remedy is due.
  Instant recorded_at;
  Actor by;

  bool operator==(const InspectionFinding&) const = default;
};

struct InspectionState {
  uint64_t version = 0;  // Events folded; 0: the inspection does not exist.
  std::string id;
  std::string plan;  // May be empty.
  std::string inspecting_agency;
  std::string agency;  // The inspected agency.
  InspectionKind kind = InspectionKind::kPeriodic;
  Date scheduled_on;
  std::vector<std::string> team;
  std::string scope;
  InspectionStatus status = InspectionStatus::kPlanned;
  Instant planned_at;
  Actor planned_by;
  std::optional<Instant> started_at;  // When the first finding was recorded.
  std::optional<Instant> closed_at;
  std::string closed_by;
  std::string conclusion;
  std::vector<InspectionFinding> findings;  // In the order recorded.

  bool operator==(const InspectionState&) const = default;
};

// Folds one event of the inspection's stream into `state` and sets state.version =
// event.version. Events of other aggregates change nothing else.
void evolve(InspectionState& state, const RecordedEvent& event);

// True when the caller may know the inspection exists: a caller confined to its own agency sees
// only the inspections of that agency.
bool may_see(const Caller& caller, const InspectionState& state);

// The id of the follow-up task that finding `number` of inspection `inspection` opens.
std::string follow_up_task_id(std::string_view inspection, uint32_t number);

// The follow-up tasks of the inspection, in the order of their findings.
std::vector<std::string> follow_up_tasks(const InspectionState& state);

// POST /v1/inspections.
struct PlanInspection {
  std::string id;
  std::string plan;  // Empty: the inspecting agency is the caller's own.
  std::string agency;
  InspectionKind kind = InspectionKind::kPeriodic;
  Date scheduled_on;
  std::vector<std::string> team;
  std::string scope;
};

// POST /v1/inspections/{id}/findings.
struct RecordInspectionFinding {
  std::string text;
  FindingSeverity severity = FindingSeverity::kLow;
  std::optional<Date> remedy_due_on;  // Present: a follow-up task is opened, due that day.
};

// POST /v1/inspections/{id}/close.
struct CloseInspection {
  std::string conclusion;
};

using InspectionCommand = std::variant<PlanInspection, RecordInspectionFinding, CloseInspection>;

// Decides `command` against the inspection `state`; the inspection's events go to
// "inspection:<id>" with the state's version expected.
//
// PlanInspection -> InspectionPlanned (status planned). The inspecting agency is the focal
// agency of `plan` when one is named, else the caller's own agency. In order: kForbidden unless
// may(kCoordinateTasks); kValidationFailed for "plan" (not a slug, or no such plan; or absent
// for a caller with no agency); kForbidden (field "plan" when one is named) unless the caller
// is of the inspecting agency or an admin; kValidationFailed for "id" (not a slug of at most
// kMaxInspectionIdLength characters); kValidationFailed / kUnknownAgency for "agency";
// kValidationFailed for "team" (empty), "team[i]" (blank, or named twice) and "scope" (blank);
// last kConflict (field "id") when the id is taken.
//
// The other commands: kNotFound when the inspection does not exist or !may_see(); kForbidden
// unless may(kCoordinateTasks) and the caller is of the inspecting agency (or an admin); then
// the fields; then kConflict "inspection <id> is closed" for anything on a closed one.
// RecordInspectionFinding -> InspectionFindingRecorded, numbered from 1: kValidationFailed for
// "text" (blank) and "remedy_due_on" (before scheduled_on); kConflict past
// kMaxFindingsPerInspection findings. With remedy_due_on the same decision opens the follow-up
// task follow_up_task_id(id, number) on "task:<that id>" (expected version 0): TaskAssigned of
// kind joint, the inspected agency its lead and only assignee, due remedy_due_on, the
// inspection's plan, and the inspecting agency as its focal agency; kConflict when that task id
// is taken.
// CloseInspection -> InspectionClosed: kValidationFailed for "conclusion" (blank); kConflict
// naming every follow-up task that directory.task_settled() does not call settled.
Result<Decision> decide(const InspectionState& state, const InspectionCommand& command,
                        const Caller& caller, Instant now, const Directory& directory);

}  // namespace mandate::core
