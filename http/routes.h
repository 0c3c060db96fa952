#pragma once

// Each resource's routes, registered on the App. One file per resource: http/routes_*.cc.

namespace mandate::http {

class App;

void add_log_routes(App& app);

}  // namespace mandate::http
