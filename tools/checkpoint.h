#pragma once

namespace mandate::tools {

int checkpoint_main(int argc, char** argv);

}  // namespace mandate::tools
