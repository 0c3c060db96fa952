#pragma once

// Talking to a running server: the subcommands that take `--url` send their requests here.
// Plain HTTP/1.1, one request per connection; a server reached over TLS sits behind a proxy.

#include <string>

#include "core/result.h"
#include "tools/cli.h"

namespace mandate::tools {

struct Reply {
  unsigned status = 0;
  std::string body;
};

class Remote {
 public:
  // `url` is http://HOST:PORT (a trailing slash is allowed); the token comes from
  // --token-file or, without it, the MANDATE_TOKEN environment variable.
  static core::Result<Remote> from_args(const Args& args);

  core::Result<Reply> call(const std::string& method, const std::string& target,
                           const std::string& body = {}) const;

  const std::string& url() const { return url_; }

 private:
  std::string url_, host_, port_, token_;
};

// The problem+json answer in one line: "409 conflict: plan laos already exists (field id)".
std::string describe_failure(const Reply& reply);

}  // namespace mandate::tools
