#include "http/body_readers.h"

namespace mandate::http {

std::vector<BodyReader> body_readers() {
  std::vector<BodyReader> all;
  for (auto&& part :
       {directory_body_readers(), plan_body_readers(), task_body_readers(), transfer_body_readers(),
        incident_body_readers(), inspection_body_readers(), backup_body_readers()}) {
    all.insert(all.end(), part.begin(), part.end());
  }
  return all;
}

}  // namespace mandate::http
