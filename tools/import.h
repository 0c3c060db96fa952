#pragma once

namespace mandate::tools {

int import_main(int argc, char** argv);

}  // namespace mandate::tools
