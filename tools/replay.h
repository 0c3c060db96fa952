#pragma once

namespace mandate::tools {

int replay_main(int argc, char** argv);

}  // namespace mandate::tools
