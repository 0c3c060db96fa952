#pragma once

// The facts Mandate records. Each struct is the payload of one event type; an event is an
// immutable value. `events/` encodes them (Cap'n Proto) and wraps them in an envelope with the
// position, stream, times, actor and chain hash; `core` decides and folds them.
//
// Evolving: add a new struct at the end of EventData and a new union member in the schema; add
// new fields with defaults that mean "absent". Never reorder, rename or remove (docs/schema.md).

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/time.h"
#include "core/vocabulary.h"

namespace mandate::core {

// ---- Agencies, users, tokens (streams "agency:<id>", "user:<id>") ----

struct AgencyRegistered {
  std::string id;
  std::string name;
  std::string parent;  // Empty: a root agency.
  std::string kind;    // Free text, e.g. "department", "district", "ministry"; may be empty.

  bool operator==(const AgencyRegistered&) const = default;
};

struct UserRegistered {
  std::string id;
  std::string name;
  std::string agency;  // Empty for the built-in admin.
  std::vector<Role> roles;
  Clearance clearance = Clearance::kNone;

  bool operator==(const UserRegistered&) const = default;
};

struct TokenIssued {
  std::string token_id;
  std::string token_sha256;  // Lowercase hex of SHA-256(token); the token itself is never kept.

  bool operator==(const TokenIssued&) const = default;
};

struct TokenRevoked {
  std::string token_id;

  bool operator==(const TokenRevoked&) const = default;
};

// ---- Plans (stream "plan:<id>") ----

struct Agreement {
  std::string partner;  // ISO country code, e.g. "LA", "IT", "MN".
  std::string title;
  std::optional<Date> signed_on;
  std::optional<Date> effective_on;
  std::string term;  // e.g. "indefinite", "5 years".

  bool operator==(const Agreement&) const = default;
};

struct Phase {
  std::string key;  // "I", "II", "III".
  std::string title;
  std::optional<Date> starts_on;  // Absent: from the plan's start.
  std::optional<Date> ends_on;    // Absent: open-ended.

  bool operator==(const Phase&) const = default;
};

struct YearlyRecurrence {
  // The due day of each year's occurrence, only where the document gives one. Undated: each
  // year's occurrence starts with no due date, which the focal agency sets (TaskDueSet).
  unsigned due_month = 12;
  unsigned due_day = 31;
  bool dated = true;

  bool operator==(const YearlyRecurrence&) const = default;
};

// A task as the plan defines it. A definition with a recurrence yields one task per year.
// joint and on_event: `lead` and `coordinators`. each: no lead; `coordinators` holds the
// agencies of the set, each holding its own assignment. rule: nobody.
struct TaskDefinition {
  std::string id;
  TaskKind kind = TaskKind::kJoint;
  std::optional<std::string> phase;  // Absent: a standing section of the plan.
  std::string section;               // e.g. "measures", "dissemination", "summary".
  std::string title;
  std::string description;
  std::string lead;
  std::vector<std::string> coordinators;  // May hold "*": every agency but the lead.
  std::optional<Date> due_on;
  std::optional<YearlyRecurrence> recurrence;
  bool request = false;  // Addressed to bodies outside the issuer's authority ("Đề nghị").
  std::string trigger;   // on_event: what sets it off.
  std::string source;    // The seed lines it comes from, e.g. "001:28-30"; may be empty.
  // on_event: the procedure Mandate records that sets it off, "incident" (a breach report) or
  // "transfer" (an outbound transfer request), counted under the plan; empty when what sets it
  // off (a delegation's visit, donated equipment) is not recorded here.
  std::string set_off_by;

  bool operator==(const TaskDefinition&) const = default;
};

struct PlanDrafted {
  std::string id;
  std::string code;
  std::string title;
  std::string issuer;
  std::optional<Date> issued_on;
  std::string focal_agency;
  std::vector<std::string> basis;
  std::optional<Agreement> agreement;
  std::vector<Phase> phases;
  std::vector<TaskDefinition> tasks;
  std::vector<std::string> audience;  // The agencies the plan addresses; "*" means these.

  bool operator==(const PlanDrafted&) const = default;
};

struct PlanTaskAdded {
  TaskDefinition task;

  bool operator==(const PlanTaskAdded&) const = default;
};

struct PlanIssued {
  std::vector<std::string> task_ids;  // Every concrete task created, occurrences included.
  std::vector<int32_t> years;         // The plan years opened; empty in logs before years.

  bool operator==(const PlanIssued&) const = default;
};

// A new plan year's occurrences, opened by the server on the year's first day (or on start
// for a year it missed), exactly once per plan and year.
struct PlanYearOpened {
  int32_t year = 0;
  std::vector<std::string> task_ids;

  bool operator==(const PlanYearOpened&) const = default;
};

// Agencies joined the plan's audience; the open "*" tasks assign them in the same decision.
struct PlanAudienceWidened {
  std::vector<std::string> agencies;

  bool operator==(const PlanAudienceWidened&) const = default;
};

// ---- Tasks (stream "task:<id>"; a yearly occurrence has id "<definition>/<year>") ----

// The task is created with every agency on it assigned. Agencies are concrete ids ("*" is
// resolved when the plan is issued).
struct TaskAssigned {
  std::string id;
  std::string plan;
  std::string definition;  // The definition's id; equals `id` unless this is an occurrence.
  std::optional<std::string> phase;
  std::string section;
  std::string title;
  std::string description;
  std::string lead;
  std::vector<std::string> coordinators;  // each: every agency of the set.
  std::optional<Date> due_on;             // Absent: undated (never overdue).
  std::optional<int32_t> occurrence_year;
  TaskKind kind = TaskKind::kJoint;
  bool request = false;
  // The agency whose coordinators decide on the task (approve, return, extend, cancel, set the
  // due date, revise). Empty: the plan's focal agency. An inspection's follow-up task names
  // the inspecting agency here.
  std::string focal_agency;

  bool operator==(const TaskAssigned&) const = default;
};

// A receipt: `agency` has read revision `revision` of the task.
struct TaskAcknowledged {
  std::string agency;
  uint32_t revision = 0;

  bool operator==(const TaskAcknowledged&) const = default;
};

struct TaskProgressReported {
  std::string agency;
  std::string note;
  std::optional<uint32_t> percent;

  bool operator==(const TaskProgressReported&) const = default;
};

struct Evidence {
  std::string ref;
  std::string title;

  bool operator==(const Evidence&) const = default;
};

struct TaskSubmitted {
  std::string agency;       // The lead; on an each task, the agency submitting its own part.
  uint32_t submission = 0;  // 1 for the first submission, then 2, ...
  std::string note;
  std::vector<Evidence> evidence;

  bool operator==(const TaskSubmitted&) const = default;
};

struct TaskApproved {
  uint32_t submission = 0;  // The submission this approval is of.
  std::string note;
  std::string agency;  // each: whose submission; empty: the whole task (joint).

  bool operator==(const TaskApproved&) const = default;
};

struct TaskReturned {
  uint32_t submission = 0;
  std::string reason;
  std::string agency;  // each: whose submission; empty: the lead's (joint).

  bool operator==(const TaskReturned&) const = default;
};

struct TaskExtended {
  Date previous_due_on;
  Date due_on;
  std::string reason;

  bool operator==(const TaskExtended&) const = default;
};

// A coordinator changed what the task asks. Fields that are absent did not change.
struct TaskRevised {
  std::optional<std::string> description;
  std::vector<std::string> coordinators_added;
  std::vector<std::string> coordinators_removed;

  bool operator==(const TaskRevised&) const = default;
};

// The focal agency set (or moved) the due date of a task, typically a yearly occurrence the
// document gives no day for.
struct TaskDueSet {
  std::optional<Date> previous_due_on;
  Date due_on;

  bool operator==(const TaskDueSet&) const = default;
};

struct TaskCancelled {
  std::string reason;

  bool operator==(const TaskCancelled&) const = default;
};

// ---- Difficulties (stream "difficulty:<id>") ----

struct DifficultyRaised {
  std::string id;
  std::string task;
  std::string agency;
  std::string text;

  bool operator==(const DifficultyRaised&) const = default;
};

struct GuidanceGiven {
  std::string text;

  bool operator==(const GuidanceGiven&) const = default;
};

// ---- Transfers of classified information (stream "transfer:<id>") ----

struct TransferDocument {
  std::string ref;
  std::string title;
  Classification classification = Classification::kConfidential;

  bool operator==(const TransferDocument&) const = default;
};

// Outbound: TransferRequested; inbound: TransferReceived. Both open the stream.
struct TransferRequested {
  std::string id;
  std::string agency;
  std::string partner;
  std::string plan;  // May be empty.
  TransferDocument document;
  Channel channel = Channel::kDiplomatic;
  std::string purpose;

  bool operator==(const TransferRequested&) const = default;
};

struct TransferReceived {
  std::string id;
  std::string agency;
  std::string partner;
  std::string plan;
  TransferDocument document;
  Channel channel = Channel::kDiplomatic;
  std::string purpose;
  std::optional<Date> received_on;  // Absent in events before it was recorded: the record's day.

  bool operator==(const TransferReceived&) const = default;
};

// The written consent of the competent person (003:64): the approval document's number, date
// and signer. approved_on is absent only in events recorded before it was asked for.
struct TransferApproved {
  std::string approval_ref;  // The approval's document number.
  std::string note;
  std::optional<Date> approved_on;
  std::string signed_by;

  bool operator==(const TransferApproved&) const = default;
};

struct TransferRejected {
  std::string reason;

  bool operator==(const TransferRejected&) const = default;
};

struct TransferCompleted {
  Date completed_on;
  bool cipher_protected = false;  // Sent through a channel protected under the cipher law (003:67).

  bool operator==(const TransferCompleted&) const = default;
};

// For an agency under the People's Committee, the Committee Office, with the Provincial Police's
// opinion, proposes the request to the Chairman, who then decides (003:65).
struct TransferProposed {
  std::string note;
  std::string police_opinion;

  bool operator==(const TransferProposed&) const = default;
};

// ---- Incidents: breach reports (stream "incident:<id>") ----

struct IncidentDocument {
  std::string ref;
  std::string title;

  bool operator==(const IncidentDocument&) const = default;
};

struct IncidentReported {
  std::string id;
  std::string agency;
  IncidentKind kind = IncidentKind::kLeak;
  Classification classification = Classification::kConfidential;
  std::string partner;  // May be empty.
  std::vector<IncidentDocument> documents;
  Instant discovered_at;
  std::string summary;
  std::string plan;      // The plan whose exchange it concerns; may be empty.
  std::string transfer;  // The transfer it concerns; may be empty.

  bool operator==(const IncidentReported&) const = default;
};

struct IncidentReceived {
  bool operator==(const IncidentReceived&) const = default;
};

// One hop up the chain (001:14, 003:70), taken by the agency holding the incident: the police
// division to the People's Committee, the Committee to the Ministry's division.
struct IncidentEscalated {
  std::string to;
  std::string note;

  bool operator==(const IncidentEscalated&) const = default;
};

struct FindingAdded {
  FindingKind kind = FindingKind::kNote;
  std::string text;

  bool operator==(const FindingAdded&) const = default;
};

struct IncidentClosed {
  std::string conclusion;

  bool operator==(const IncidentClosed&) const = default;
};

// ---- Inspections (stream "inspection:<id>") ----

// The focal agency plans an inspection of an agency (seed 004 II.8, III.2).
struct InspectionPlanned {
  std::string id;
  std::string plan;               // May be empty.
  std::string inspecting_agency;  // The plan's focal agency, or the planner's own agency.
  std::string agency;             // The inspected agency.
  InspectionKind kind = InspectionKind::kPeriodic;
  Date scheduled_on;
  std::vector<std::string> team;  // The members, as named.
  std::string scope;

  bool operator==(const InspectionPlanned&) const = default;
};

// A finding of the inspection. One with a remedy due opens the follow-up task
// `follow_up_task` (its TaskAssigned is in the same decision); empty when none is due.
struct InspectionFindingRecorded {
  uint32_t number = 0;  // 1 for the first finding, then 2, ...
  std::string text;
  FindingSeverity severity = FindingSeverity::kLow;
  std::optional<Date> remedy_due_on;
  std::string follow_up_task;

  bool operator==(const InspectionFindingRecorded&) const = default;
};

struct InspectionClosed {
  std::string conclusion;

  bool operator==(const InspectionClosed&) const = default;
};

// ---- Signing in (streams "user:<id>"; "access:policy" and "access:sources") ----
//
// A person signs in with a user name and a password (and a second factor once enrolled); a
// program keeps its bearer token. The secrets these events hold (a password's Argon2id hash, a
// second factor's key) are never rendered by the API; docs/security.md says who can read them.

// A password set by an admin (a first one, which must be changed at the first sign-in) or by
// the user (a change). Every session of the user but `kept_session` ends with it.
struct PasswordSet {
  std::string hash;  // The Argon2id encoded form ("$argon2id$v=19$m=...,t=...,p=...$salt$tag").
  bool must_change = false;
  std::string kept_session;  // The session the change was made in; empty: none is kept.

  bool operator==(const PasswordSet&) const = default;
};

// A session began. The cookie holds its secret; the log holds only the secret's SHA-256.
struct SignedIn {
  std::string session_id;
  std::string session_sha256;  // Lowercase hex of SHA-256(secret).
  std::string source;          // The peer address the sign-in came from.
  bool second_factor = false;  // Whether a one-time code was given.
  uint64_t totp_step = 0;      // The code's time step (RFC 6238), so no code counts twice.

  bool operator==(const SignedIn&) const = default;
};

// A sign-in of an existing user refused: the password ("password") or the one-time code
// ("second_factor") was wrong. A refusal for a name no user has leaves no event.
struct SignInFailed {
  std::string source;
  std::string reason;

  bool operator==(const SignInFailed&) const = default;
};

// Sign-ins refused until `until`: of the user whose stream holds it, or, on "access:sources",
// from `source` whatever the name.
struct SignInLocked {
  std::string source;
  Instant until;
  uint32_t failures = 0;  // The consecutive failures that set it off.

  bool operator==(const SignInLocked&) const = default;
};

// A session ended by its user signing out.
struct SignedOut {
  std::string session_id;

  bool operator==(const SignedOut&) const = default;
};

// A TOTP key (RFC 6238: HMAC-SHA-1, 30 s, 6 digits) the user enrolled, with the step of the
// code that proved it.
struct SecondFactorEnrolled {
  std::string secret_base32;
  uint64_t totp_step = 0;

  bool operator==(const SecondFactorEnrolled&) const = default;
};

// An admin removed a user's second factor (a lost device); the user enrols again.
struct SecondFactorReset {
  bool operator==(const SecondFactorReset&) const = default;
};

// The roles whose holders must sign in with a second factor (stream "access:policy").
struct SecondFactorPolicySet {
  std::vector<Role> roles;

  bool operator==(const SecondFactorPolicySet&) const = default;
};

// Every payload. Append only: the index of an alternative is not persisted, but keep the order
// stable so that switch statements and tests read in one order.
using EventData =
    std::variant<AgencyRegistered, UserRegistered, TokenIssued, TokenRevoked, PlanDrafted,
                 PlanTaskAdded, PlanIssued, TaskAssigned, TaskAcknowledged, TaskProgressReported,
                 TaskSubmitted, TaskApproved, TaskReturned, TaskExtended, TaskRevised,
                 TaskCancelled, DifficultyRaised, GuidanceGiven, TransferRequested,
                 TransferReceived, TransferApproved, TransferRejected, TransferCompleted,
                 IncidentReported, IncidentReceived, IncidentEscalated, FindingAdded,
                 IncidentClosed, PlanYearOpened, PlanAudienceWidened, TaskDueSet, TransferProposed,
                 InspectionPlanned, InspectionFindingRecorded, InspectionClosed, PasswordSet,
                 SignedIn, SignInFailed, SignInLocked, SignedOut, SecondFactorEnrolled,
                 SecondFactorReset, SecondFactorPolicySet>;

// The wire name of an event type, e.g. "task.acknowledged". Stable: it is in the API.
const char* event_type_name(const EventData& data);

// Who caused an event.
struct Actor {
  std::string user;
  std::string agency;  // Empty when the user has none (the admin).

  bool operator==(const Actor&) const = default;
};

// An event as a command decides it, before the store gives it a position.
struct NewEvent {
  EventData data;
  // When it happened in the world, if the client said (e.g. when a leak was discovered).
  std::optional<Instant> occurred_at;
};

// An event as the log holds it.
struct RecordedEvent {
  uint64_t position = 0;  // Global, gapless, from 1.
  std::string stream;
  uint64_t version = 0;  // Within the stream, from 1.
  Instant recorded_at;
  Instant occurred_at;  // Equals recorded_at unless the client gave one.
  Actor actor;
  std::string correlation_id;
  std::string causation_id;
  EventData data;
  std::string hash;  // 32 raw bytes: SHA-256(previous hash || canonical bytes).
};

// Stream names: "<kind>:<id>". Ids are slugs, so ':' never appears inside one.
std::string agency_stream(std::string_view id);
std::string user_stream(std::string_view id);
std::string plan_stream(std::string_view id);
std::string task_stream(std::string_view id);
std::string difficulty_stream(std::string_view id);
std::string transfer_stream(std::string_view id);
std::string incident_stream(std::string_view id);
std::string inspection_stream(std::string_view id);
// "access:policy" (who needs a second factor) and "access:sources" (locked addresses).
std::string access_stream(std::string_view id);

}  // namespace mandate::core
