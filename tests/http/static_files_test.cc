#include "http/static_files.h"

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "tests/support/temp_dir.h"

namespace mandate::http {
namespace {

namespace fs = std::filesystem;
using mandate::testing::TempDir;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A built dashboard in `root/dist` and a secret beside it, outside what is served.
struct Site {
  TempDir dir;
  StaticFiles files;

  static StaticFiles open_dist(const TempDir& dir) {
    write(dir.path() / "dist" / "index.html", "<!doctype html><title>Mandate</title>");
    write(dir.path() / "dist" / "assets" / "index-3f9c0a7d.js", "console.log(1)");
    write(dir.path() / "dist" / "assets" / "index-3f9c0a7d.css", "body{}");
    write(dir.path() / "dist" / "favicon.svg", "<svg/>");
    write(dir.path() / "secret.txt", "admin token");
    std::string why;
    auto files = StaticFiles::open(dir.path() / "dist", &why);
    REQUIRE(files);
    return *files;
  }
  Site() : files(open_dist(dir)) {}
};

TEST_CASE("/ is index.html, revalidated, and may fetch from this server only", "[http][static]") {
  Site site;
  auto r = site.files.serve("/", 11);
  REQUIRE(r);
  CHECK(r->body() == "<!doctype html><title>Mandate</title>");
  CHECK((*r)[boost::beast::http::field::content_type] == "text/html; charset=utf-8");
  CHECK((*r)[boost::beast::http::field::cache_control] == "no-cache");
  CHECK((*r)["Content-Security-Policy"].find("default-src 'self'") != std::string::npos);
  CHECK((*r)["X-Content-Type-Options"] == "nosniff");
  REQUIRE(site.files.serve("/index.html", 11));
}

TEST_CASE("hashed assets are cached for good, with their media type", "[http][static]") {
  Site site;
  auto js = site.files.serve("/assets/index-3f9c0a7d.js", 11);
  REQUIRE(js);
  CHECK(js->body() == "console.log(1)");
  CHECK((*js)[boost::beast::http::field::content_type] == "text/javascript; charset=utf-8");
  CHECK((*js)[boost::beast::http::field::cache_control] == "public, max-age=31536000, immutable");
  auto css = site.files.serve("/assets/index-3f9c0a7d.css", 11);
  REQUIRE(css);
  CHECK((*css)[boost::beast::http::field::content_type] == "text/css; charset=utf-8");
  auto svg = site.files.serve("/favicon.svg", 11);
  REQUIRE(svg);
  CHECK((*svg)[boost::beast::http::field::content_type] == "image/svg+xml");
  CHECK((*svg)[boost::beast::http::field::cache_control] == "no-cache");
  CHECK(StaticFiles::content_type("x.woff2") == "font/woff2");
  CHECK(StaticFiles::content_type("README") == "application/octet-stream");
}

TEST_CASE("no path leads out of the served folder", "[http][static]") {
  Site site;
  for (const char* path :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/assets%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt", "/.%2e/secret.txt", "//secret.txt", "/./index.html",
        "/index.html%00.js", "/%zz", "secret.txt", ""}) {
    INFO(path);
    CHECK_FALSE(site.files.serve(path, 11));
  }
}

TEST_CASE("a symbolic link out of the folder is not followed", "[http][static]") {
  Site site;
  fs::create_symlink(site.dir.path() / "secret.txt", site.dir.path() / "dist" / "link.txt");
  fs::create_directory_symlink(site.dir.path(), site.dir.path() / "dist" / "up");
  CHECK_FALSE(site.files.serve("/link.txt", 11));
  CHECK_FALSE(site.files.serve("/up/secret.txt", 11));
}

TEST_CASE("what is not a file is nothing to serve", "[http][static]") {
  Site site;
  CHECK_FALSE(site.files.serve("/assets", 11));
  CHECK_FALSE(site.files.serve("/assets/", 11));
  CHECK_FALSE(site.files.serve("/missing.js", 11));
}

TEST_CASE("a folder without index.html is refused with the reason", "[http][static]") {
  TempDir dir;
  std::string why;
  CHECK_FALSE(StaticFiles::open(dir.path(), &why));
  CHECK(why.find("index.html") != std::string::npos);
  CHECK_FALSE(StaticFiles::open(dir.path() / "absent", &why));
  CHECK(why.find("not a directory") != std::string::npos);
}

}  // namespace
}  // namespace mandate::http
