// fanout_bench: the dashboard's live streams under writes. Opens --streams event streams
// (GET /v1/views/changes, what every open dashboard tab holds), then writes --rate durable
// commands per second (incident reports, over --writers keep-alive connections) for
// --seconds, and measures, for every command and every stream, how long after the command was
// sent the stream told of a position at or past the command's: its p50, p99 and maximum, and
// whether every stream was told of every command. With --pid, the server's resident memory
// before and after the streams are opened gives its memory per open stream.
//
//   fanout_bench --port P --token T [--pid PID] [--streams 1000] [--rate 1000] [--seconds 10]
//                [--writers 16]
//
// Plain sockets and epoll, one thread for every stream and one per writer, so that the
// client's own cost stays small beside the server's on the same cores. Prints one line per
// figure, `name value unit`.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

struct Flags {
  int port = 0;
  std::string token;
  long pid = 0;
  int streams = 1000;
  int rate = 1000;
  int seconds = 10;
  int writers = 16;
};

[[noreturn]] void die(const std::string& why) {
  std::fprintf(stderr, "fanout_bench: %s\n", why.c_str());
  std::exit(1);
}

Flags parse(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    if (i + 1 >= argc) die(name + " needs a value");
    const std::string value = argv[++i];
    if (name == "--port")
      f.port = std::stoi(value);
    else if (name == "--token")
      f.token = value;
    else if (name == "--pid")
      f.pid = std::stol(value);
    else if (name == "--streams")
      f.streams = std::stoi(value);
    else if (name == "--rate")
      f.rate = std::stoi(value);
    else if (name == "--seconds")
      f.seconds = std::stoi(value);
    else if (name == "--writers")
      f.writers = std::stoi(value);
    else
      die("unknown flag " + name);
  }
  if (f.port <= 0 || f.token.empty()) die("--port and --token are needed");
  if (f.streams < 1 || f.rate < 1 || f.seconds < 1 || f.writers < 1) die("counts must be >= 1");
  return f;
}

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) die("socket: " + std::string(std::strerror(errno)));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    die("connect: " + std::string(std::strerror(errno)));
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

void send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) die("send: " + std::string(std::strerror(errno)));
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

long resident_kib(long pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

// CPU seconds (user + system) the server process has used so far, from /proc/PID/stat.
double server_cpu_seconds(long pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // Fields after the command name, which is in parentheses and may hold spaces.
  const size_t close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::vector<std::string> fields;
  size_t at = close + 2;
  while (at < text.size()) {
    const size_t space = text.find(' ', at);
    fields.push_back(text.substr(at, space - at));
    if (space == std::string::npos) break;
    at = space + 1;
  }
  if (fields.size() < 13) return 0;
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
  return (std::stod(fields[11]) + std::stod(fields[12])) /
         static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double own_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return s(usage.ru_utime) + s(usage.ru_stime);
}

double micros_since(Clock::time_point start, Clock::time_point t) {
  return std::chrono::duration<double, std::micro>(t - start).count();
}

// ---- The streams ----

// One open stream: the bytes not yet scanned, and each position it told of with when.
struct Stream {
  int fd = -1;
  std::string pending;
  uint64_t told = 0;
  std::vector<std::pair<uint64_t, double>> heard;  // (position, µs since start), rising.
};

// Takes every `"position":N` out of the stream's bytes; a message cut by a read waits for the
// rest. The chunk sizes of the chunked body never hold that text.
void scan(Stream& s, double now_us) {
  static constexpr std::string_view kKey = "\"position\":";
  size_t done = 0;  // Bytes before this are scanned.
  for (;;) {
    const size_t key = s.pending.find(kKey, done);
    if (key == std::string::npos) {
      // A key may be cut by the read: keep what could be its beginning.
      done = std::max(done, s.pending.size() >= kKey.size() ? s.pending.size() - kKey.size() : 0);
      break;
    }
    size_t end = key + kKey.size();
    uint64_t position = 0;
    while (end < s.pending.size() && s.pending[end] >= '0' && s.pending[end] <= '9') {
      position = position * 10 + static_cast<uint64_t>(s.pending[end] - '0');
      ++end;
    }
    if (end == s.pending.size()) {  // The number may go on in the next read.
      done = key;
      break;
    }
    if (position > s.told) {
      s.told = position;
      s.heard.emplace_back(position, now_us);
    }
    done = end;
  }
  s.pending.erase(0, done);
}

// ---- The writers ----

struct Sent {
  double sent_us = 0;
  uint64_t position = 0;
};

// Reads one HTTP response off a blocking keep-alive socket; returns its status and body.
std::pair<int, std::string> read_response(int fd, std::string& buffer) {
  size_t head_end;
  while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
    char chunk[16384];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) die("the server closed a writer's connection");
    buffer.append(chunk, static_cast<size_t>(n));
  }
  const int status = std::atoi(buffer.c_str() + 9);
  size_t length = 0;
  std::string head = buffer.substr(0, head_end);
  for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (const size_t cl = head.find("content-length:"); cl != std::string::npos) {
    length = std::strtoul(head.c_str() + cl + 15, nullptr, 10);
  }
  const size_t body_start = head_end + 4;
  while (buffer.size() < body_start + length) {
    char chunk[16384];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) die("the server closed a writer's connection");
    buffer.append(chunk, static_cast<size_t>(n));
  }
  std::string body = buffer.substr(body_start, length);
  buffer.erase(0, body_start + length);
  return {status, std::move(body)};
}

uint64_t position_in(const std::string& body) {
  const size_t at = body.find("\"position\":");
  return at == std::string::npos ? 0 : std::strtoull(body.c_str() + at + 11, nullptr, 10);
}

void write_commands(const Flags& f, int writer, Clock::time_point start, Clock::time_point stop,
                    std::vector<Sent>& sent, std::atomic<int>& failures) {
  const int fd = connect_to(f.port);
  std::string buffer;
  const auto interval = std::chrono::duration<double>(static_cast<double>(f.writers) / f.rate);
  auto next = start + std::chrono::duration_cast<Clock::duration>(interval * writer / f.writers);
  const std::string body =
      R"({"agency":"so-tu-phap","kind":"loss","classification":"confidential",)"
      R"("documents":[{"ref":"CV-01/FANOUT"}],"discovered_at":"2026-01-05T08:00:00Z",)"
      R"("summary":"Thất lạc tài liệu mật trong khi đo tải luồng sự kiện"})";
  const std::string request =
      "POST /v1/incidents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Authorization: Bearer " +
      f.token +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n" + body;
  while (next < stop) {
    std::this_thread::sleep_until(next);  // Pacing the load, not synchronising anything.
    const auto t = Clock::now();
    send_all(fd, request);
    auto [status, answer] = read_response(fd, buffer);
    if (status != 201) {
      if (failures.fetch_add(1) == 0) {
        std::fprintf(stderr, "a command answered %d: %.300s\n", status, answer.c_str());
      }
    } else {
      sent.push_back({micros_since(start, t), position_in(answer)});
    }
    next += std::chrono::duration_cast<Clock::duration>(interval);
  }
  ::close(fd);
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

}  // namespace

int main(int argc, char** argv) {
  const Flags f = parse(argc, argv);
  const long before_kib = f.pid ? resident_kib(f.pid) : 0;

  // Open every stream and wait until each has told of the current position once.
  const int epoll = ::epoll_create1(0);
  std::vector<Stream> streams(static_cast<size_t>(f.streams));
  const std::string subscribe =
      "GET /v1/views/changes HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Accept: text/event-stream\r\nAuthorization: Bearer " +
      f.token + "\r\n\r\n";
  const auto start = Clock::now();
  for (size_t i = 0; i < streams.size(); ++i) {
    streams[i].fd = connect_to(f.port);
    send_all(streams[i].fd, subscribe);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = i;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, streams[i].fd, &ev);
  }
  std::atomic<bool> writing_done{false};
  std::vector<epoll_event> ready(256);
  auto pump = [&](int timeout_ms) {
    const int n = ::epoll_wait(epoll, ready.data(), static_cast<int>(ready.size()), timeout_ms);
    const double now_us = micros_since(start, Clock::now());
    for (int k = 0; k < n; ++k) {
      Stream& s = streams[ready[k].data.u64];
      char chunk[8192];
      const ssize_t got = ::recv(s.fd, chunk, sizeof chunk, MSG_DONTWAIT);
      if (got == 0) die("the server closed a stream");
      if (got < 0) continue;
      s.pending.append(chunk, static_cast<size_t>(got));
      scan(s, now_us);
    }
  };
  const auto open_deadline = Clock::now() + std::chrono::seconds(60);
  for (;;) {
    const bool all_told =
        std::all_of(streams.begin(), streams.end(), [](const Stream& s) { return s.told > 0; });
    if (all_told) break;
    if (Clock::now() > open_deadline) die("not every stream answered within 60 s");
    pump(100);
  }
  const long open_kib = f.pid ? resident_kib(f.pid) : 0;
  for (auto& s : streams) s.heard.clear();

  // Write while listening.
  const double server_cpu_before = f.pid ? server_cpu_seconds(f.pid) : 0;
  const double own_cpu_before = own_cpu_seconds();
  const auto write_start = Clock::now();
  const auto write_stop = write_start + std::chrono::seconds(f.seconds);
  std::vector<std::vector<Sent>> sent(static_cast<size_t>(f.writers));
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < f.writers; ++w) {
    writers.emplace_back(write_commands, std::cref(f), w, write_start, write_stop,
                         std::ref(sent[static_cast<size_t>(w)]), std::ref(failures));
  }
  std::thread joiner([&] {
    for (auto& t : writers) t.join();
    writing_done = true;
  });
  while (!writing_done) pump(50);
  joiner.join();
  const double server_cpu = f.pid ? server_cpu_seconds(f.pid) - server_cpu_before : 0;
  const double own_cpu = own_cpu_seconds() - own_cpu_before;
  uint64_t last = 0;
  std::vector<Sent> all;
  for (auto& v : sent) {
    for (const auto& s : v) {
      all.push_back(s);
      last = std::max(last, s.position);
    }
  }
  // Let the streams tell of the last command (at most 10 s).
  const auto drain_deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < drain_deadline &&
         !std::all_of(streams.begin(), streams.end(),
                      [&](const Stream& s) { return s.told >= last; })) {
    pump(50);
  }
  const long after_kib = f.pid ? resident_kib(f.pid) : 0;

  // Each command's delay on each stream: from its sending to the first message at or past it
  // (offset: the start of the streams is the clock's zero, as is the writers').
  const double offset = micros_since(start, write_start);
  std::vector<double> delays;
  delays.reserve(all.size() * streams.size());
  size_t missed = 0;
  for (const auto& s : streams) {
    for (const auto& c : all) {
      auto it = std::lower_bound(s.heard.begin(), s.heard.end(), c.position,
                                 [](const auto& h, uint64_t p) { return h.first < p; });
      if (it == s.heard.end()) {
        ++missed;
        continue;
      }
      delays.push_back((it->second - (c.sent_us + offset)) / 1000.0);
    }
  }
  size_t messages = 0;
  for (const auto& s : streams) messages += s.heard.size();
  const double seconds = std::chrono::duration<double>(write_stop - write_start).count();
  std::printf("streams %d\n", f.streams);
  std::printf("commands %zu\n", all.size());
  std::printf("commands_per_s %.1f\n", static_cast<double>(all.size()) / seconds);
  std::printf("command_failures %d\n", failures.load());
  std::printf("messages_per_stream_per_s %.1f\n",
              static_cast<double>(messages) / static_cast<double>(streams.size()) / seconds);
  std::printf("deliveries %zu\n", delays.size());
  std::printf("missed %zu\n", missed);
  std::printf("delay_p50_ms %.2f\n", percentile(delays, 0.50));
  std::printf("delay_p99_ms %.2f\n", percentile(delays, 0.99));
  std::printf("delay_max_ms %.2f\n",
              delays.empty() ? 0.0 : *std::max_element(delays.begin(), delays.end()));
  // Of the cores, while the commands were written: what the server and this client used.
  std::printf("client_cpu_share %.2f\n", own_cpu / seconds);
  if (f.pid) {
    std::printf("server_cpu_share %.2f\n", server_cpu / seconds);
    std::printf("server_rss_before_kib %ld\n", before_kib);
    std::printf("server_rss_streams_open_kib %ld\n", open_kib);
    std::printf("server_rss_after_kib %ld\n", after_kib);
    std::printf("server_kib_per_stream %.1f\n",
                static_cast<double>(open_kib - before_kib) / static_cast<double>(f.streams));
  }
  for (auto& s : streams) ::close(s.fd);
  return failures.load() == 0 && missed == 0 ? 0 : 1;
}
