// Property tests of core/transfer.h and core/incident.h: thousands of random command sequences
// from random callers, with the invariants of the domain checked after every step.
//
// The seed is Catch's --rng-seed when one is given, else a fixed one, so a run is reproducible:
// a failure prints the seed, the sequence and the step.

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "core/incident.h"
#include "core/transfer.h"
#include "tests/core/fake_directory.h"
#include "tests/core/recorded_stream.h"

namespace mandate::core {
namespace {

using testkit::at;
using testkit::person;

constexpr uint32_t kDefaultSeed = 20260321;
constexpr int kSequences = 250;
constexpr int kStepsPerSequence = 24;
// The sequences must reach deep enough to mean something: each status ends this many at least.
constexpr int kEnoughEndings = kSequences / 20;
constexpr int64_t kMicrosPerHour = 3600 * kMicrosPerSecond;

uint32_t seed() {
  const unsigned given = Catch::rngSeed();
  return given != 0 ? given : kDefaultSeed;
}

class Random {
 public:
  explicit Random(uint32_t seed) : engine_(seed) {}

  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(engine_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(engine_); }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(between(0, static_cast<int>(items.size()) - 1))];
  }
  // Mostly the valid value, sometimes the invalid one: enough refusals, enough progress.
  template <typename T>
  T mostly(T valid, T invalid) {
    return chance(0.93) ? valid : invalid;
  }

 private:
  std::mt19937 engine_;
};

// Every caller the sequences draw from, by user id.
const std::vector<Caller>& callers() {
  static const std::vector<Caller> all{
      person("off-a", "so-ngoai-vu", {Role::kOfficer}, Clearance::kSecret),
      person("off-a-low", "so-ngoai-vu", {Role::kOfficer}, Clearance::kConfidential),
      person("off-b", "so-tu-phap", {Role::kOfficer}, Clearance::kTopSecret),
      person("appr", "ubnd-tinh", {Role::kApprover}, Clearance::kSecret),
      person("appr-low", "ubnd-tinh", {Role::kApprover}, Clearance::kConfidential),
      person("off-appr-b", "so-tu-phap", {Role::kOfficer, Role::kApprover}, Clearance::kSecret),
      person("coord", "cong-an-tinh", {Role::kCoordinator}, Clearance::kTopSecret),
      person("inv", "cong-an-tinh", {Role::kInvestigator}, Clearance::kSecret),
      person("aud", "ubnd-tinh", {Role::kAuditor}, Clearance::kTopSecret),
      person("admin", "", {Role::kAdmin}, Clearance::kTopSecret),
      person("admin-low", "", {Role::kAdmin}, Clearance::kConfidential),
      person("nobody", "so-tu-phap", {}, Clearance::kTopSecret),
  };
  return all;
}

// Mostly a caller whose role fits the command (one of `fitting`, by user id), sometimes anyone:
// enough progress through the lifecycle, and every kind of refusal.
const Caller& any_caller(Random& r, const std::vector<std::string>& fitting) {
  if (r.chance(0.3)) return r.pick(callers());
  const std::string& user = r.pick(fitting);
  for (const Caller& c : callers()) {
    if (c.user == user) return c;
  }
  FAIL("no caller " << user);
  return callers().front();
}

const std::vector<std::string> kIds{"x0", "x1", "x2"};
const std::vector<std::string> kAgencies{"so-ngoai-vu", "so-tu-phap", "so-y-te", ""};

Classification any_classification(Random& r) {
  return static_cast<Classification>(r.between(0, 2));
}

// The caller's own agency mostly, any (known, unknown or none) sometimes.
std::string any_agency(Random& r, const Caller& caller) {
  return caller.agency.empty() || r.chance(0.1) ? r.pick(kAgencies) : caller.agency;
}

template <typename Command>
Command transfer_filing(Random& r, const std::string& id, const Caller& caller) {
  return Command{r.mostly<std::string>(id, "X 0"),
                 any_agency(r, caller),
                 r.mostly<std::string>(r.chance(0.5) ? "LA" : "IT", "la"),
                 r.mostly<std::string>("vn-la-2024", "Bad Plan"),
                 {r.mostly<std::string>("12/CV", ""), r.mostly<std::string>("Công văn", " "),
                  any_classification(r)},
                 static_cast<Channel>(r.between(0, 3)),
                 r.mostly<std::string>("Trao đổi", "")};
}

std::pair<Caller, TransferCommand> any_transfer_command(Random& r, const std::string& id,
                                                        Instant now) {
  const std::vector<std::string> filers{"off-a",      "off-a-low", "off-b",
                                        "off-appr-b", "admin",     "admin-low"};
  const std::vector<std::string> approvers{"appr", "appr-low", "off-appr-b", "admin"};
  switch (r.between(0, 7)) {
    case 0: {
      const Caller& c = any_caller(r, filers);
      return {c, transfer_filing<RequestTransfer>(r, id, c)};
    }
    case 1: {
      const Caller& c = any_caller(r, filers);
      return {c, transfer_filing<RecordInboundTransfer>(r, id, c)};
    }
    case 2:
    case 3:
      return {any_caller(r, approvers),
              ApproveTransfer{r.mostly<std::string>("35/QĐ-UBND", ""), "note"}};
    case 4:
      return {any_caller(r, approvers), RejectTransfer{r.mostly<std::string>("reason", "")}};
    case 5:
    case 6:
    default:
      return {any_caller(r, filers),
              CompleteTransfer{Date{date_of(now).days + r.mostly(0, r.between(-4, 1))}}};
  }
}

std::pair<Caller, IncidentCommand> any_incident_command(Random& r, const std::string& id,
                                                        Instant now) {
  const std::vector<std::string> reporters{"off-a", "off-a-low", "off-b", "admin"};
  const std::vector<std::string> handlers{"coord", "admin"};
  const std::vector<std::string> finders{"coord", "inv", "admin"};
  const std::vector<std::string> closers{"inv", "admin"};
  switch (r.between(0, 5)) {
    case 0: {
      const Caller& c = any_caller(r, reporters);
      std::vector<IncidentDocument> documents;
      for (int i = r.mostly(r.between(1, 2), 0); i > 0; --i) {
        documents.push_back({r.mostly<std::string>("12/CV", ""), "Công văn"});
      }
      return {c, ReportIncident{r.mostly<std::string>(id, "X 0"), any_agency(r, c),
                                static_cast<IncidentKind>(r.between(0, 2)), any_classification(r),
                                r.mostly<std::string>("LA", "Lào"), std::move(documents),
                                Instant{now.micros - r.between(-2, 240) * kMicrosPerHour},
                                r.mostly<std::string>("Mất tài liệu", "")}};
    }
    case 1:
      return {any_caller(r, handlers), ReceiveIncident{}};
    case 2:
      return {any_caller(r, handlers),
              EscalateIncident{r.mostly<std::string>("bo-cong-an", "a03"), "note"}};
    case 3:
    case 4: {
      std::optional<Instant> occurred;
      if (r.chance(0.5)) occurred = Instant{now.micros - r.between(-1, 72) * kMicrosPerHour};
      return {any_caller(r, finders), AddFinding{static_cast<FindingKind>(r.between(0, 4)),
                                                 r.mostly<std::string>("Xác minh", ""), occurred}};
    }
    default:
      return {any_caller(r, closers), CloseIncident{r.mostly<std::string>("Kết luận", "")}};
  }
}

// Runs one random command against a random aggregate; checks what holds for any aggregate:
// a refusal changes nothing, an acceptance appends to the aggregate's own stream at its version,
// and folding the stream again from nothing gives the state reached step by step. Returns
// whether the command was accepted.
template <typename State, typename Command>
bool step(std::vector<testkit::Stream<State>>& world, size_t which, const Command& command,
          const Caller& caller, Instant now, const Directory& directory) {
  testkit::Stream<State>& aggregate = world[which];
  const State before = aggregate.state();
  const size_t events_before = aggregate.events().size();
  const Result<Decision> decided = aggregate.run(command, caller, now, directory);
  if (decided.ok()) {
    REQUIRE(aggregate.events().size() > events_before);
    REQUIRE(aggregate.name() == aggregate.events().front().stream);
  } else {
    REQUIRE(aggregate.state() == before);
    REQUIRE(aggregate.events().size() == events_before);
  }
  REQUIRE(aggregate.refold() == aggregate.state());
  return decided.ok();
}

void check_transfer_invariants(const testkit::Stream<TransferState>& t) {
  const TransferState& s = t.state();
  if (s.version == 0) return;
  // No outbound Top Secret transfer ever exists.
  REQUIRE_FALSE((s.direction == Direction::kOutbound &&
                 s.document.classification == Classification::kTopSecret));
  // Nothing is completed without an approval before it, and not before the approval's day.
  bool approved = false;
  for (const RecordedEvent& e : t.events()) {
    if (std::holds_alternative<TransferApproved>(e.data)) approved = true;
    if (std::holds_alternative<TransferCompleted>(e.data)) REQUIRE(approved);
  }
  if (s.status == TransferStatus::kCompleted) {
    REQUIRE(s.approved_at.has_value());
    REQUIRE(s.completed_on.has_value());
    REQUIRE(date_of(*s.approved_at) <= *s.completed_on);
  }
  // An inbound transfer is received and stays so.
  if (s.direction == Direction::kInbound) {
    REQUIRE(s.status == TransferStatus::kReceived);
    REQUIRE(s.version == 1);
  }
}

void check_incident_invariants(const testkit::Stream<IncidentState>& i) {
  const IncidentState& s = i.state();
  if (s.version == 0) return;
  // Nothing is added after the close.
  const auto& events = i.events();
  for (size_t k = 0; k + 1 < events.size(); ++k) {
    REQUIRE_FALSE(std::holds_alternative<IncidentClosed>(events[k].data));
  }
  REQUIRE((s.status == IncidentStatus::kClosed) == s.closed_at.has_value());
  // Things happen before they are recorded.
  REQUIRE(s.discovered_at <= s.reported_at);
  for (const Finding& f : s.findings) REQUIRE(f.occurred_at <= f.recorded_at);
  REQUIRE(std::holds_alternative<IncidentReported>(events.front().data));
}

TEST_CASE("transfer: random command sequences keep every invariant", "[core][transfer][property]") {
  const uint32_t the_seed = seed();
  CAPTURE(the_seed);
  Random r(the_seed);
  const testkit::FakeDirectory directory = testkit::province();
  int accepted = 0;
  std::map<TransferStatus, int> reached;  // How many transfers ended a sequence in each status.
  for (int sequence = 0; sequence < kSequences; ++sequence) {
    std::vector<testkit::Stream<TransferState>> world(kIds.size());
    Instant now = at("2026-03-01T00:00:00Z");
    for (int s = 0; s < kStepsPerSequence; ++s) {
      CAPTURE(sequence, s);
      now.micros += r.between(0, 36) * kMicrosPerHour;
      const size_t which = static_cast<size_t>(r.between(0, static_cast<int>(kIds.size()) - 1));
      const auto [caller, command] = any_transfer_command(r, kIds[which], now);
      accepted += step(world, which, command, caller, now, directory);
      for (const auto& t : world) check_transfer_invariants(t);
    }
    for (const auto& t : world) {
      if (t.state().version > 0) ++reached[t.state().status];
    }
  }
  CHECK(accepted > kSequences * kStepsPerSequence / 20);
  for (TransferStatus status :
       {TransferStatus::kRequested, TransferStatus::kReceived, TransferStatus::kApproved,
        TransferStatus::kRejected, TransferStatus::kCompleted}) {
    INFO(name_of(status));
    CHECK(reached[status] >= kEnoughEndings);
  }
}

TEST_CASE("incident: random command sequences keep every invariant", "[core][incident][property]") {
  const uint32_t the_seed = seed();
  CAPTURE(the_seed);
  Random r(the_seed);
  const testkit::FakeDirectory directory = testkit::province();
  int accepted = 0;
  std::map<IncidentStatus, int> reached;
  for (int sequence = 0; sequence < kSequences; ++sequence) {
    std::vector<testkit::Stream<IncidentState>> world(kIds.size());
    Instant now = at("2026-03-01T00:00:00Z");
    for (int s = 0; s < kStepsPerSequence; ++s) {
      CAPTURE(sequence, s);
      now.micros += r.between(0, 36) * kMicrosPerHour;
      const size_t which = static_cast<size_t>(r.between(0, static_cast<int>(kIds.size()) - 1));
      const IncidentState before = world[which].state();
      const auto [caller, command] = any_incident_command(r, kIds[which], now);
      const bool ok = step(world, which, command, caller, now, directory);
      accepted += ok;
      // A closed incident takes nothing more.
      if (before.status == IncidentStatus::kClosed) REQUIRE_FALSE(ok);
      for (const auto& i : world) check_incident_invariants(i);
    }
    for (const auto& i : world) {
      if (i.state().version > 0) ++reached[i.state().status];
    }
  }
  CHECK(accepted > kSequences * kStepsPerSequence / 20);
  for (IncidentStatus status : {IncidentStatus::kReported, IncidentStatus::kReceived,
                                IncidentStatus::kEscalated, IncidentStatus::kClosed}) {
    INFO(name_of(status));
    CHECK(reached[status] >= kEnoughEndings);
  }
}

}  // namespace
}  // namespace mandate::core
