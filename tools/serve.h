#pragma once

namespace mandate::tools {

int serve_main(int argc, char** argv);

}  // namespace mandate::tools
