#pragma once

namespace mandate::tools {

int token_main(int argc, char** argv);

}  // namespace mandate::tools
