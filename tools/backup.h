#pragma once

namespace mandate::tools {

int backup_main(int argc, char** argv);
int restore_main(int argc, char** argv);

}  // namespace mandate::tools
