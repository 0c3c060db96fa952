#pragma once

// The first user of a new data directory: the admin, its token and a first password, each
// secret written once to a file in the directory that only its owner can read.

#include <string>

#include "core/result.h"
#include "events/store.h"

namespace mandate::tools {

// Appends the user "admin" (Top Secret, role admin), a token and a first password to be
// changed at the first sign-in, and writes them to DIR/admin.token and DIR/admin.password.
core::Status bootstrap_admin(events::EventStore& store, const std::string& data_dir);

}  // namespace mandate::tools
