#pragma once

// The dashboard's files (web/dist, built by Vite) served from a directory on disk, beside the
// API. Only GETs of paths outside /v1 reach it (http/app.cc asks it after the router
// found no route), so no API answer changes.
//
// What it guarantees:
//   - "/" is index.html; a path names a regular file under the root or nothing: every
//     percent-decoded segment is checked (no "..", ".", NUL, backslash or encoded "/"), and
//     the file's canonical path must still lie under the root's, so neither a crafted path
//     nor a symbolic link leads out of it.
//   - Content-Type from the extension (unknown ones as application/octet-stream), with
//     X-Content-Type-Options: nosniff.
//   - Vite's hashed files under /assets/ may be cached for a year (immutable); everything else
//     (index.html above all) is revalidated each time, so a new build is seen at once.
//   - index.html carries a Content-Security-Policy allowing only the server itself: the page
//     can fetch nothing from elsewhere, which suits an air-gapped network.
//
// Thread-safety: immutable after construction; serve() may run on any thread.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "http/server.h"

namespace mandate::http {

class StaticFiles {
 public:
  // Serves the files under `root`, which must be a directory holding index.html.
  // Returns nullopt, with the reason in `*error`, when it is not.
  static std::optional<StaticFiles> open(const std::filesystem::path& root, std::string* error);

  // The answer to a GET of `path` (the target without its query): the file, or nullopt when
  // there is no such file to serve (the caller answers 404).
  std::optional<Response> serve(std::string_view path, unsigned http_version) const;

  const std::filesystem::path& root() const { return root_; }

  // The media type for a file name, from its extension.
  static std::string_view content_type(std::string_view file_name);

 private:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

  // The file under the root that `path` names, or nullopt when it names none safely.
  std::optional<std::filesystem::path> resolve(std::string_view path) const;

  std::filesystem::path root_;  // Canonical.
};

}  // namespace mandate::http
