// BOOST_ASSERT in the fuzz tree (BOOST_ENABLE_ASSERT_HANDLER, cmake/options.cmake): a failed
// assertion aborts, as assert() would, so that libFuzzer reports it, except the one below that
// is known to be wrong.
//
// Boost 1.81's HTTP parser asserts n >= 5 when it resumes a final chunk ("0\r\n") whose trailer
// has not arrived, but 4 bytes are enough there and the code after it asks for more as it should
// (boostorg/beast#2861, fixed in Boost 1.86). Release builds compile asserts out, so the server
// is unaffected; here it would stop every run at the first chunked body read in small pieces.

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

bool known_wrong(const char* expr, const char* file) {
  return std::strcmp(expr, "n >= 5") == 0 &&
         std::strstr(file, "boost/beast/http/impl/basic_parser.ipp") != nullptr;
}

}  // namespace

namespace boost {

void assertion_failed(const char* expr, const char* function, const char* file, long line) {
  if (known_wrong(expr, file)) return;
  std::fprintf(stderr, "Boost assertion failed: %s in %s at %s:%ld\n", expr, function, file, line);
  std::abort();
}

void assertion_failed_msg(const char* expr, const char* msg, const char* function, const char* file,
                          long line) {
  std::fprintf(stderr, "Boost assertion failed: %s (%s) in %s at %s:%ld\n", expr, msg, function,
               file, line);
  std::abort();
}

}  // namespace boost
