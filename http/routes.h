#pragma once

// Each resource's routes, registered on the App. One file per resource: http/routes_*.cc.

namespace mandate::http {

class App;

void add_directory_routes(App& app);
void add_log_routes(App& app);
void add_plan_routes(App& app);
void add_task_routes(App& app);
void add_transfer_routes(App& app);
void add_incident_routes(App& app);
void add_inspection_routes(App& app);
void add_view_routes(App& app);
void add_me_routes(App& app);
void add_backup_routes(App& app);
void add_sign_in_routes(App& app);

}  // namespace mandate::http
