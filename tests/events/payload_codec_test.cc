#include "events/payload_codec.h"

#include <catch2/catch.hpp>

TEST_CASE("placeholder", "[events]") { CHECK(true); }
