// Writes the committed seed corpora, fuzz/corpus/<target>/, from what the tests use
// (fuzz/README.md says how to run it):
//   http_request  the requests the end-to-end tests sent, as recorded with
//                 MANDATE_RECORD_REQUESTS: a few per route, and every raw exchange;
//   json_body     the bodies among them that a body reader reads, by reader;
//   plan_file     the plan bodies among them, their agencies as one agencies file, and the
//                 smallest of plans/ with plans/agencies.json;
//   envelope, payload
//                 a generated history's events (tests/support/history_generator.h), the first
//                 of each type, and every type the history lacks default-built;
//   snapshot      each view folded from the first few aggregates of that history.
// Deterministic for the same recordings. Built in the normal tree (`build/`), not by clang.
//
//   fuzz_seed_writer RECORDINGS_DIR REPO_ROOT

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <boost/beast/http.hpp>
#include <capnp/message.h>
#include <capnp/serialize.h>
#include <nlohmann/json.hpp>

#include "core/event.h"
#include "events/envelope.h"
#include "events/keys.h"
#include "events/payload_codec.h"
#include "events/record.h"
#include "events/store.h"
#include "http/app.h"
#include "http/body_readers.h"
#include "http/router.h"
#include "projections/runner.h"
#include "projections/views.h"
#include "tests/support/history_generator.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
namespace bhttp = boost::beast::http;
using namespace mandate;
using nlohmann::json;

constexpr size_t kPerRoute = 1;         // Requests kept per method and route.
constexpr size_t kRawExchanges = 12;    // Raw exchanges (security tests) kept.
constexpr size_t kBodiesPerReader = 2;  // Bodies kept per body reader.
constexpr size_t kPlanBodies = 4;       // Plan bodies kept as plan files.
// Larger recordings (the limits' tests send megabytes) are left out: a seed is for its shape.
constexpr size_t kMaxRequestBytes = 4096;
constexpr size_t kMaxPlanBytes = 16384;
constexpr size_t kAggregatesPerView = 3;  // Aggregates folded into each snapshot seed.
constexpr uint64_t kHistoryEvents = 3'000;

class Corpus {
 public:
  Corpus(const fs::path& root, const std::string& target) : dir_(root / "fuzz/corpus" / target) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void write(const std::string& name, std::string_view bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    ++count_;
  }
  size_t count() const { return count_; }

 private:
  fs::path dir_;
  size_t count_ = 0;
};

// A file name's worth of `text`: lowercase letters, digits and dashes.
std::string slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.substr(0, 60);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A recorded request, parsed; nullopt for a raw exchange Beast does not read as one request.
std::optional<bhttp::request<bhttp::string_body>> parse(const std::string& bytes) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.eager(true);
  boost::beast::error_code ec;
  const size_t used = parser.put(boost::asio::buffer(bytes), ec);
  if (ec || !parser.is_done() || used != bytes.size()) return std::nullopt;
  return parser.release();
}

// Every recording, in a fixed order (by the number the recorder gave it within its process).
std::vector<std::string> recordings(const fs::path& dir) {
  std::vector<std::pair<std::pair<std::string, unsigned>, fs::path>> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string stem = entry.path().stem().string();
    const size_t dash = stem.find('-');
    if (dash == std::string::npos) continue;
    files.push_back(
        {{stem.substr(0, dash), static_cast<unsigned>(std::stoul(stem.substr(dash + 1)))},
         entry.path()});
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const auto& [key, path] : files) out.push_back(read_file(path));
  return out;
}

// The App's route table, from an App over an empty store (as tests/http/openapi_test.cc does).
std::vector<std::pair<std::string, std::string>> app_routes() {
  testing::TempDir dir;
  events::StoreOptions options;
  options.path = dir.sub("data");
  options.clock = [] { return core::Instant{0}; };
  auto store = events::EventStore::open(std::move(options));
  if (!store.ok()) throw std::runtime_error(store.error().message);
  projections::Views views;
  projections::ProjectionRunner runner(**store, views.all());
  events::CommandHandler commands(**store);
  const http::App app(http::AppDeps{commands,
                                    runner,
                                    views,
                                    [] { return core::Instant{0}; },
                                    core::kVietnamUtcOffsetMinutes,
                                    {},
                                    {}});
  return app.routes();
}

template <typename Fn>
std::string route_of(const http::Router<Fn>& router, const bhttp::request<bhttp::string_body>& req,
                     const Fn** fn = nullptr) {
  const std::string_view target = req.target();
  const typename http::Router<Fn>::Route* route = nullptr;
  http::Params params;
  if (router.match(req.method(), target.substr(0, target.find('?')), &route, params) !=
      http::Router<Fn>::Outcome::kFound) {
    return "";
  }
  if (fn != nullptr) *fn = &route->fn;
  return route->pattern;
}

void write_request_seeds(const fs::path& root, const std::vector<std::string>& recorded) {
  http::Router<int> routes;
  for (const auto& [method, pattern] : app_routes()) {
    routes.add(bhttp::string_to_verb(method), pattern, 0);
  }
  http::Router<size_t> readers;
  const auto all_readers = http::body_readers();
  for (size_t i = 0; i < all_readers.size(); ++i) {
    const std::string_view route = all_readers[i].route;
    const size_t space = route.find(' ');
    readers.add(bhttp::string_to_verb(route.substr(0, space)), std::string(route.substr(space + 1)),
                i);
  }

  Corpus requests(root, "http_request"), bodies(root, "json_body"), plans(root, "plan_file");
  std::map<std::string, size_t> per_route, per_reader;
  std::set<std::string> seen_bodies;
  json agencies = json::array();
  size_t raw = 0, plan_bodies = 0;
  for (const std::string& bytes : recorded) {
    if (bytes.size() > kMaxPlanBytes) continue;
    auto req = parse(bytes);
    // The byte before a request is the size of the pieces the harness reads (0: all at once).
    const std::string seed = std::string(1, '\0') + bytes;
    const bool small = bytes.size() <= kMaxRequestBytes;
    if (!req) {
      if (small && raw < kRawExchanges) requests.write("raw-" + std::to_string(++raw), seed);
      continue;
    }
    const std::string method(req->method_string());
    const std::string route = route_of(routes, *req);
    const std::string key = method + " " + (route.empty() ? "unrouted" : route);
    if (small && per_route[key] < kPerRoute) {
      requests.write(slug(key) + "-" + std::to_string(++per_route[key]), seed);
    }
    if (req->body().empty() || !seen_bodies.insert(key + req->body()).second) continue;
    const size_t* index = nullptr;
    if (route_of(readers, *req, &index).empty()) continue;
    const std::string reader(all_readers[*index].route);
    if (small && per_reader[reader] < kBodiesPerReader) {
      bodies.write(slug(reader) + "-" + std::to_string(++per_reader[reader]),
                   std::string(1, static_cast<char>(*index)) + req->body());
    }
    if (reader == "POST /v1/plans" && plan_bodies < kPlanBodies) {
      plans.write("plan-body-" + std::to_string(++plan_bodies) + ".json", req->body());
    }
    if (reader == "POST /v1/agencies") {
      auto agency = json::parse(req->body(), nullptr, false);
      if (!agency.is_discarded()) agencies.push_back(agency);
    }
  }
  if (!agencies.empty()) plans.write("agencies-from-tests.json", agencies.dump(2));
  plans.write("agencies.json", read_file(root / "plans/agencies.json"));
  plans.write("vn-la-2024.json", read_file(root / "plans/vn-la-2024.json"));
  std::cout << "http_request: " << requests.count() << ", json_body: " << bodies.count()
            << ", plan_file: " << plans.count() << "\n";
}

std::string flat_body(const core::EventData& data) {
  capnp::MallocMessageBuilder builder;
  events::encode_payload(data, builder.initRoot<events::schema::Body>());
  auto words = capnp::canonicalize(builder.getRoot<events::schema::Body>().asReader());
  return std::string(reinterpret_cast<const char*>(words.begin()),
                     words.size() * sizeof(capnp::word));
}

// The row as the harness reads it: the key's position, then the stored value.
std::string row(uint64_t position, const events::Hash& hash, std::string_view envelope) {
  std::string out;
  events::put_u64_be(out, position);
  return out + events::make_record(hash, envelope);
}

template <size_t... kIndex>
std::vector<core::EventData> every_alternative(std::index_sequence<kIndex...>) {
  return {core::EventData(std::in_place_index<kIndex>)...};
}

void write_event_seeds(const fs::path& root) {
  testing::TempDir dir;
  events::StoreOptions options;
  options.path = dir.sub("log");
  options.clock = testing::HistoryGenerator::clock();
  options.sync = false;
  options.extra_column_families = projections::Views::column_families();
  auto store = events::EventStore::open(options);
  if (!store.ok()) throw std::runtime_error(store.error().message);
  testing::HistoryGenerator generator(**store, 20261123, (root / "plans").string());
  if (auto st = generator.run(kHistoryEvents); !st.ok())
    throw std::runtime_error(st.error().message);

  Corpus envelopes(root, "envelope"), payloads(root, "payload"), snapshots(root, "snapshot");
  std::set<std::string> types;
  projections::Views folded;
  std::map<std::string, std::set<std::string>> kept;  // Per view, the aggregates folded.
  auto scanned = (*store)->scan(1, (*store)->head().position, [&](const events::EventView& view) {
    auto event = view.decode();
    if (!event.ok()) throw std::runtime_error(event.error().message);
    const std::string type(view.type());
    if (types.insert(type).second) {
      envelopes.write(slug(type), row(view.position(), view.hash(), view.envelope_bytes()));
      payloads.write(slug(type), flat_body(event->data));
    }
    for (auto* projection : folded.all()) {
      if (!projection->follows(event->stream)) continue;
      auto& streams = kept[std::string(projection->name())];
      if (streams.size() < kAggregatesPerView) streams.insert(event->stream);
      if (streams.count(event->stream)) projection->apply(*event);
    }
    return true;
  });
  if (!scanned.ok()) throw std::runtime_error(scanned.error().message);

  // The types the history never appends, default-built, in an envelope at position 1.
  for (const auto& data :
       every_alternative(std::make_index_sequence<std::variant_size_v<core::EventData>>())) {
    const std::string type = core::event_type_name(data);
    if (!types.insert(type).second) continue;
    events::PendingEnvelope pending("inspection:fuzz", core::NewEvent{data, std::nullopt},
                                    events::AppendContext{{"admin", ""}, "corr", "cause"});
    auto words = pending.seal(1, 1, core::Instant{1'767'225'600'000'000});
    envelopes.write(slug(type), row(1, events::Hash{},
                                    std::string_view(reinterpret_cast<const char*>(words.begin()),
                                                     words.size() * sizeof(capnp::word))));
    payloads.write(slug(type), flat_body(data));
  }

  const auto all = folded.all();
  for (size_t i = 0; i < all.size(); ++i) {
    projections::snapshot::Writer out;
    all[i]->save(out);
    snapshots.write(std::string(all[i]->name()), std::string(1, static_cast<char>(i)) + out.data());
  }
  std::cout << "envelope: " << envelopes.count() << ", payload: " << payloads.count()
            << ", snapshot: " << snapshots.count() << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fuzz_seed_writer RECORDINGS_DIR REPO_ROOT\n";
    return 2;
  }
  const fs::path root = argv[2];
  write_request_seeds(root, recordings(argv[1]));
  write_event_seeds(root);
  return 0;
}
