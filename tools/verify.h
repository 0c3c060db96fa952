#pragma once

namespace mandate::tools {

int verify_main(int argc, char** argv);

}  // namespace mandate::tools
