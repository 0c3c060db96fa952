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
#include "tests/core/test_support.h"

namespace mandate::core {
namespace {

using testing::instant;
using testing::person;
using testing::province;
using testing::TestAggregate;
using testing::TestDirectory;

constexpr uint32_t kDefaultSeed = 20260321;
constexpr int kSequences = 250;
// Enough for a request to be filed, proposed, approved and completed, among the refusals.
constexpr int kStepsPerSequence = 40;
// A breach has more steps before it may close: receipt, two hops, a cause and a remedy.
constexpr int kIncidentSteps = 80;
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
      person("off-m", "bch-quan-su-tinh", {Role::kOfficer}, Clearance::kSecret),
      person("appr", "ubnd-tinh", {Role::kApprover}, Clearance::kSecret),
      person("appr-low", "ubnd-tinh", {Role::kApprover}, Clearance::kConfidential),
      person("appr-m", "bo-quoc-phong", {Role::kApprover}, Clearance::kSecret),
      person("off-appr-b", "so-tu-phap", {Role::kOfficer, Role::kApprover}, Clearance::kSecret),
      // The Chairman's office also files its own transfers, so an approver may be the requester.
      person("off-appr-u", "ubnd-tinh", {Role::kOfficer, Role::kApprover}, Clearance::kSecret),
      person("office", "van-phong-ubnd-tinh", {Role::kOfficer}, Clearance::kSecret),
      person("coord", "cong-an-tinh", {Role::kCoordinator}, Clearance::kTopSecret),
      person("inv", "cong-an-tinh", {Role::kInvestigator}, Clearance::kSecret),
      person("pa03", "phong-anctnb", {Role::kCoordinator, Role::kInvestigator},
             Clearance::kTopSecret),
      person("ubnd-coord", "ubnd-tinh", {Role::kCoordinator}, Clearance::kTopSecret),
      person("a03", "cuc-anctnb", {Role::kCoordinator, Role::kInvestigator}, Clearance::kTopSecret),
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
const std::vector<std::string> kAgencies{"so-ngoai-vu", "so-tu-phap", "bch-quan-su-tinh", "so-y-te",
                                         ""};

Classification any_classification(Random& r) {
  return static_cast<Classification>(r.between(0, 2));
}

// The caller's own agency mostly, any (known, unknown or none) sometimes.
std::string any_agency(Random& r, const Caller& caller) {
  return caller.agency.empty() || r.chance(0.1) ? r.pick(kAgencies) : caller.agency;
}

template <typename Command>
Command transfer_filing(Random& r, const std::string& id, const Caller& caller) {
  // Under the Laos plan only with Laos; sometimes a plan with no agreement, which is refused.
  const bool laos = r.chance(0.5);
  return Command{r.mostly<std::string>(id, "X 0"),
                 any_agency(r, caller),
                 r.mostly<std::string>(laos ? "LA" : "IT", "la"),
                 r.mostly<std::string>(laos && r.chance(0.7) ? "vn-la-2024" : "", "ht-ct44-2024"),
                 {r.mostly<std::string>("12/CV", ""), r.mostly<std::string>("Công văn", " "),
                  any_classification(r)},
                 static_cast<Channel>(r.between(0, 3)),
                 r.mostly<std::string>("Trao đổi", "")};
}

// The users of `agency` with `role`: the callers whose turn a step is, so that sequences get
// far enough to test the rules of the later steps.
std::vector<std::string> users_of(const std::string& agency, Role role) {
  std::vector<std::string> out;
  for (const Caller& c : callers()) {
    if (c.agency == agency && c.has_role(role)) out.push_back(c.user);
  }
  return out;
}

// Those users when there are any, else `fallback`.
std::vector<std::string> fitting(std::vector<std::string> users,
                                 const std::vector<std::string>& fallback) {
  return users.empty() ? fallback : users;
}

std::pair<Caller, TransferCommand> any_transfer_command(Random& r, const std::string& id,
                                                        Instant now, const TransferState& state,
                                                        const Directory& directory) {
  const std::vector<std::string> filers{"off-a",      "off-a-low",  "off-b", "off-m",
                                        "off-appr-b", "off-appr-u", "admin", "admin-low"};
  const std::vector<std::string> approvers =
      fitting(users_of(competent_approver(state.agency, directory).agency, Role::kApprover),
              {"appr", "appr-m", "off-appr-b", "off-appr-u", "admin"});
  const std::vector<std::string> completers =
      fitting(users_of(state.agency, Role::kOfficer), filers);
  const Date today = date_of(now);
  switch (r.between(0, 8)) {
    case 0: {
      const Caller& c = any_caller(r, filers);
      return {c, transfer_filing<RequestTransfer>(r, id, c)};
    }
    case 1: {
      const Caller& c = any_caller(r, filers);
      return {c, transfer_filing<RecordInboundTransfer>(r, id, c)};
    }
    case 2:
      return {any_caller(r, {"office", "off-a"}),
              ProposeTransfer{"note", r.mostly<std::string>("Công an tỉnh đồng ý", "")}};
    case 3:
    case 8:
      return {
          any_caller(r, approvers),
          ApproveTransfer{r.mostly<std::string>("35/QĐ-UBND", ""),
                          Date{today.days + r.mostly(0, r.between(-3, 1))}, "Chủ tịch", "note"}};
    case 4:
      return {any_caller(r, approvers), RejectTransfer{r.mostly<std::string>("reason", "")}};
    case 5:
    case 6:
    default:
      return {any_caller(r, completers),
              CompleteTransfer{Date{today.days + r.mostly(0, r.between(-4, 1))}, r.chance(0.5)}};
  }
}

std::pair<Caller, IncidentCommand> any_incident_command(Random& r, const std::string& id,
                                                        Instant now, const IncidentState& state) {
  const std::vector<std::string> reporters{"off-a", "off-a-low", "off-b", "admin"};
  const std::vector<std::string> handlers =
      fitting(users_of(state.holder, Role::kCoordinator), {"pa03", "ubnd-coord", "a03", "coord"});
  const std::vector<std::string> finders{"pa03", "pa03", "a03", "coord", "inv", "admin"};
  const std::vector<std::string> closers{"pa03", "a03", "inv", "admin"};
  const std::vector<std::string> hops{"ubnd-tinh", "cuc-anctnb"};
  switch (r.between(0, 8)) {
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
      return {any_caller(r, {"pa03", "pa03", "coord"}), ReceiveIncident{}};
    case 2:
    case 6:
      return {
          any_caller(r, handlers),
          EscalateIncident{r.mostly<std::string>(state.holder == "phong-anctnb" ? hops[0] : hops[1],
                                                 r.pick(hops)),
                           "note"}};
    case 3:
    case 4:
    case 5:
    case 7: {
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
bool step(std::vector<TestAggregate<State>>& world, size_t which, const Command& command,
          const Caller& caller, Instant now, const Directory& directory) {
  TestAggregate<State>& aggregate = world[which];
  const size_t events_before = aggregate.events().size();
  const Result<Decision> decided = aggregate.run(command, caller, now, directory);
  if (decided.ok()) {
    REQUIRE(aggregate.events().size() > events_before);
    REQUIRE(aggregate.stream() == aggregate.events().front().stream);
  } else {
    // A refusal records nothing; the state then is the fold of the same events (below).
    REQUIRE(aggregate.events().size() == events_before);
  }
  REQUIRE(aggregate.refold() == aggregate.state());
  return decided.ok();
}

const Caller& caller_named(const std::string& user) {
  for (const Caller& c : callers()) {
    if (c.user == user) return c;
  }
  FAIL("no caller " << user);
  return callers().front();
}

void check_transfer_invariants(const TestAggregate<TransferState>& t, const Directory& directory) {
  const TransferState& s = t.state();
  if (s.version == 0) return;
  // Every decision is the competent approver's (003:64-66), never the requester's, and a
  // Committee decision approves only what its Office proposed.
  const CompetentApprover competent = competent_approver(s.agency, directory);
  bool proposed = false;
  for (const RecordedEvent& e : t.events()) {
    if (std::holds_alternative<TransferProposed>(e.data)) {
      REQUIRE(e.actor.agency == directory.authorities().committee_office);
      proposed = true;
    }
    if (std::holds_alternative<TransferApproved>(e.data) ||
        std::holds_alternative<TransferRejected>(e.data)) {
      REQUIRE(e.actor.agency == competent.agency);
      REQUIRE(caller_named(e.actor.user).has_role(Role::kApprover));
      REQUIRE(e.actor.user != s.recorded_by);
    }
    if (std::holds_alternative<TransferApproved>(e.data) && competent.needs_proposal) {
      REQUIRE(proposed);
    }
  }
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
    REQUIRE(s.approved_on.has_value());
    REQUIRE(s.completed_on.has_value());
    REQUIRE(*s.approved_on <= *s.completed_on);
  }
  // A transfer under a plan is under its agreement, with the same partner.
  if (!s.plan.empty()) REQUIRE(directory.plan_facts(s.plan).partner == s.partner);
  // An inbound transfer is received and stays so.
  if (s.direction == Direction::kInbound) {
    REQUIRE(s.status == TransferStatus::kReceived);
    REQUIRE(s.version == 1);
  }
}

void check_incident_invariants(const TestAggregate<IncidentState>& i, const Directory& directory) {
  const IncidentState& s = i.state();
  if (s.version == 0) return;
  // The chain is walked in order, each hop by the agency holding it (001:14, 003:70), and
  // nothing closes before a cause and a remediation are recorded.
  const Authorities authorities = directory.authorities();
  std::string holder = s.agency;
  bool cause = false, remedy = false;
  for (const RecordedEvent& e : i.events()) {
    const bool admin = caller_named(e.actor.user).is_admin();
    if (std::holds_alternative<IncidentReceived>(e.data)) {
      REQUIRE(e.actor.agency == authorities.police_division);
      holder = authorities.police_division;
    }
    if (const auto* hop = std::get_if<IncidentEscalated>(&e.data)) {
      REQUIRE((admin || e.actor.agency == holder));
      REQUIRE(hop->to == (holder == authorities.police_division ? authorities.committee
                                                                : authorities.ministry_division));
      holder = hop->to;
    }
    if (const auto* f = std::get_if<FindingAdded>(&e.data)) {
      cause = cause || f->kind == FindingKind::kCause;
      remedy = remedy || f->kind == FindingKind::kRemediation;
      if (f->kind == FindingKind::kPartnerNotified) {
        REQUIRE(holder == authorities.ministry_division);
      }
    }
    if (std::holds_alternative<IncidentClosed>(e.data)) REQUIRE((cause && remedy));
  }
  REQUIRE(holder == s.holder);
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
  const TestDirectory directory = province();
  int accepted = 0;
  std::map<TransferStatus, int> reached;  // How many transfers ended a sequence in each status.
  for (int sequence = 0; sequence < kSequences; ++sequence) {
    std::vector<TestAggregate<TransferState>> world(kIds.size());
    Instant now = instant("2026-03-01T00:00:00Z");
    for (int s = 0; s < kStepsPerSequence; ++s) {
      CAPTURE(sequence, s);
      now.micros += r.between(0, 36) * kMicrosPerHour;
      const size_t which = static_cast<size_t>(r.between(0, static_cast<int>(kIds.size()) - 1));
      const auto [caller, command] =
          any_transfer_command(r, kIds[which], now, world[which].state(), directory);
      accepted += step(world, which, command, caller, now, directory);
      for (const auto& t : world) check_transfer_invariants(t, directory);
    }
    for (const auto& t : world) {
      if (t.state().version > 0) ++reached[t.state().status];
    }
  }
  CHECK(accepted > kSequences * kStepsPerSequence / 20);
  for (TransferStatus status :
       {TransferStatus::kRequested, TransferStatus::kReceived, TransferStatus::kProposed,
        TransferStatus::kApproved, TransferStatus::kRejected, TransferStatus::kCompleted}) {
    INFO(name_of(status));
    CHECK(reached[status] >= kEnoughEndings);
  }
}

TEST_CASE("incident: random command sequences keep every invariant", "[core][incident][property]") {
  const uint32_t the_seed = seed();
  CAPTURE(the_seed);
  Random r(the_seed);
  const TestDirectory directory = province();
  int accepted = 0;
  std::map<IncidentStatus, int> reached;
  for (int sequence = 0; sequence < kSequences; ++sequence) {
    std::vector<TestAggregate<IncidentState>> world(kIds.size());
    Instant now = instant("2026-03-01T00:00:00Z");
    for (int s = 0; s < kIncidentSteps; ++s) {
      CAPTURE(sequence, s);
      now.micros += r.between(0, 36) * kMicrosPerHour;
      const size_t which = static_cast<size_t>(r.between(0, static_cast<int>(kIds.size()) - 1));
      const IncidentState before = world[which].state();
      const auto [caller, command] = any_incident_command(r, kIds[which], now, before);
      const bool ok = step(world, which, command, caller, now, directory);
      accepted += ok;
      // A closed incident takes nothing more.
      if (before.status == IncidentStatus::kClosed) REQUIRE_FALSE(ok);
      for (const auto& i : world) check_incident_invariants(i, directory);
    }
    for (const auto& i : world) {
      if (i.state().version > 0) ++reached[i.state().status];
    }
  }
  CHECK(accepted > kSequences * kIncidentSteps / 20);
  for (IncidentStatus status : {IncidentStatus::kReported, IncidentStatus::kReceived,
                                IncidentStatus::kEscalated, IncidentStatus::kClosed}) {
    INFO(name_of(status));
    CHECK(reached[status] >= kEnoughEndings);
  }
}

}  // namespace
}  // namespace mandate::core
