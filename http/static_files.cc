#include "http/static_files.h"

#include <fstream>
#include <iterator>
#include <vector>

#include "http/router.h"

namespace mandate::http {
namespace {

namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;

// Vite names what it builds into assets/ after a hash of the content: a changed file gets a
// new name, so an old one never needs revalidating.
constexpr std::string_view kHashedPrefix = "/assets/";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";
constexpr std::string_view kIndex = "index.html";
// The page may talk to this server only. Styles set from script go through the CSSOM; the
// inline allowance covers style attributes a component may still write.
constexpr std::string_view kPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

struct MediaType {
  std::string_view extension;
  std::string_view type;
};

constexpr MediaType kMediaTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".webp", "image/webp"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".txt", "text/plain; charset=utf-8"},
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A decoded segment that may appear in a file path.
bool safe_segment(const std::string& segment) {
  if (segment.empty() || segment == "." || segment == "..") return false;
  for (char c : segment) {
    if (c == '/' || c == '\\' || c == '\0') return false;
  }
  return true;
}

bool under(const fs::path& path, const fs::path& root) {
  auto r = root.begin();
  auto p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace

std::optional<StaticFiles> StaticFiles::open(const fs::path& root, std::string* error) {
  std::error_code ec;
  const fs::path canonical = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical, ec)) {
    if (error) *error = root.string() + " is not a directory";
    return std::nullopt;
  }
  if (!fs::is_regular_file(canonical / kIndex, ec)) {
    if (error) *error = root.string() + " holds no index.html (build the dashboard: make web)";
    return std::nullopt;
  }
  return StaticFiles(canonical);
}

std::string_view StaticFiles::content_type(std::string_view file_name) {
  for (const auto& m : kMediaTypes) {
    if (ends_with(file_name, m.extension)) return m.type;
  }
  return "application/octet-stream";
}

std::optional<fs::path> StaticFiles::resolve(std::string_view path) const {
  if (path.empty() || path.front() != '/') return std::nullopt;
  fs::path file = root_;
  size_t start = 1;
  size_t segments = 0;
  while (start <= path.size()) {
    const size_t slash = std::min(path.find('/', start), path.size());
    const std::string_view raw = path.substr(start, slash - start);
    start = slash + 1;
    if (raw.empty()) {
      if (slash == path.size()) break;  // "/" alone or a trailing slash.
      return std::nullopt;              // "//" is no path a build writes.
    }
    auto decoded = percent_decode(raw, false);
    if (!decoded || !safe_segment(*decoded)) return std::nullopt;
    file /= *decoded;
    ++segments;
  }
  if (segments == 0) file /= kIndex;

  std::error_code ec;
  const fs::path canonical = fs::canonical(file, ec);
  if (ec || !under(canonical, root_) || !fs::is_regular_file(canonical, ec)) return std::nullopt;
  return canonical;
}

std::optional<Response> StaticFiles::serve(std::string_view path, unsigned http_version) const {
  const auto file = resolve(path);
  if (!file) return std::nullopt;
  std::ifstream in(*file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return std::nullopt;

  const std::string name = file->filename().string();
  Response r{bhttp::status::ok, http_version};
  r.set(bhttp::field::content_type, content_type(name));
  r.set("X-Content-Type-Options", "nosniff");
  const bool hashed = path.substr(0, kHashedPrefix.size()) == kHashedPrefix;
  r.set(bhttp::field::cache_control, hashed ? kImmutable : kRevalidate);
  if (name == kIndex) {
    r.set("Content-Security-Policy", kPolicy);
    r.set("Referrer-Policy", "no-referrer");
  }
  r.body() = std::move(body);
  return r;
}

}  // namespace mandate::http
