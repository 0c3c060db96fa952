#pragma once

namespace mandate::tools {

// `mandate rebuild`: every view rebuilt from position 1 and held against its snapshots.
int rebuild_main(int argc, char** argv);

}  // namespace mandate::tools
