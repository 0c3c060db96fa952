#pragma once

// The checks on a request's head that the parser leaves to us (RFC 9112): how its body is
// framed, its Host, and the form of its target. A request that fails one cannot be trusted to
// end where the parser thinks it ends, so the connection answers 400 once and closes, and the
// bytes after it are never read as another request (request smuggling).
//
// Thread-compatible: a pure function.

#include <optional>
#include <string>

#include "http/server.h"

namespace mandate::http {

// nullopt when the head is acceptable, else why it is not, for the 400's detail:
// - Transfer-Encoding, when present, must be exactly one field whose value is `chunked` (the only
//   coding we decode), and then no Content-Length may be sent (RFC 9112 §6.1, §6.3);
// - HTTP/1.1 needs exactly one Host field, HTTP/1.0 at most one (RFC 9112 §3.2);
// - the target is in origin form, starting with '/' (or `*` for OPTIONS) (RFC 9112 §3.2.4).
std::optional<std::string> request_head_problem(const Request& request);

}  // namespace mandate::http
