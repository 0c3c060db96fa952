#pragma once

namespace mandate::tools {

int export_main(int argc, char** argv);
int verify_export_main(int argc, char** argv);

}  // namespace mandate::tools
