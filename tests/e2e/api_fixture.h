#pragma once

// A running server with a small province in it: agencies, one user per role with a token.

#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "tests/e2e/server_process.h"
#include "tests/support/temp_dir.h"

namespace mandate::testing {

class ApiFixture {
 public:
  explicit ApiFixture(std::vector<std::string> flags = {}) : server_(dir_.sub("data"), flags) {
    agency("ubnd-tinh", "Ủy ban nhân dân tỉnh", "");
    agency("cong-an-tinh", "Công an tỉnh", "ubnd-tinh");
    agency("so-tu-phap", "Sở Tư pháp", "ubnd-tinh");
    agency("so-ngoai-vu", "Sở Ngoại vụ", "ubnd-tinh");
    user("coord", "cong-an-tinh", {"coordinator"}, "secret");
    user("officer-tp", "so-tu-phap", {"officer"}, "secret");
    user("officer-nv", "so-ngoai-vu", {"officer"}, "confidential");
    user("approver", "ubnd-tinh", {"approver"}, "secret");
    user("investigator", "cong-an-tinh", {"investigator"}, "top_secret");
    user("auditor", "ubnd-tinh", {"auditor"}, "top_secret");
    // The offices the procedures name (core::Authorities' defaults): the Committee's Office,
    // which proposes transfers, and the breach chain's police division and Ministry department.
    agency("van-phong-ubnd-tinh", "Văn phòng UBND tỉnh", "ubnd-tinh");
    agency("phong-anctnb", "Phòng An ninh chính trị nội bộ", "cong-an-tinh");
    agency("cuc-anctnb", "Cục An ninh chính trị nội bộ", "");
    user("office", "van-phong-ubnd-tinh", {"officer"}, "secret");
    user("pa03", "phong-anctnb", {"coordinator", "investigator"}, "top_secret");
    user("ubnd-coord", "ubnd-tinh", {"coordinator"}, "top_secret");
    user("a03", "cuc-anctnb", {"coordinator", "investigator"}, "top_secret");
  }

  ServerProcess& server() { return server_; }
  std::string data_dir() const { return dir_.sub("data"); }
  const std::string& admin() const { return server_.admin_token(); }
  const std::string& token(const std::string& user) const { return tokens_.at(user); }

  void agency(const std::string& id, const std::string& name, const std::string& parent) {
    nlohmann::json body = {{"id", id}, {"name", name}, {"kind", "department"}};
    if (!parent.empty()) body["parent"] = parent;
    auto r = server_.post("/v1/agencies", admin(), body);
    INFO(r.body);
    REQUIRE(r.status == 201);
  }

  void user(const std::string& id, const std::string& agency, std::vector<std::string> roles,
            const std::string& clearance) {
    auto r = server_.post(
        "/v1/users", admin(),
        {{"id", id}, {"name", id}, {"agency", agency}, {"roles", roles}, {"clearance", clearance}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    auto t = server_.post("/v1/users/" + id + "/tokens", admin(), nlohmann::json::object());
    INFO(t.body);
    REQUIRE(t.status == 201);
    tokens_[id] = t.json()["token"];
  }

  HttpResult post(const std::string& user, const std::string& target, const nlohmann::json& body,
                  const std::map<std::string, std::string>& headers = {}) {
    return server_.post(target, user == "admin" ? admin() : token(user), body, headers);
  }
  HttpResult get(const std::string& user, const std::string& target) {
    return server_.get(target, user == "admin" ? admin() : token(user));
  }

 private:
  TempDir dir_;
  ServerProcess server_;
  std::map<std::string, std::string> tokens_;
};

// A plan with one dated task led by Justice and coordinated by Foreign Affairs.
inline nlohmann::json small_plan() {
  return {{"id", "vn-la-2024"},
          {"code", "801/QĐ-TTg"},
          {"title", "Kế hoạch thực hiện Hiệp định với Lào"},
          {"issuer", "ubnd-tinh"},
          {"issued_on", "2024-09-20"},
          {"focal_agency", "cong-an-tinh"},
          {"basis", {"801/QĐ-TTg 06/8/2024"}},
          {"agreement",
           {{"partner", "LA"},
            {"title", "Hiệp định"},
            {"signed_on", nullptr},
            {"effective_on", nullptr},
            {"term", "indefinite"}}},
          {"phases",
           {{{"key", "I"},
             {"title", "Giai đoạn I"},
             {"starts_on", "2024-01-01"},
             {"ends_on", "2024-12-31"}}}},
          {"tasks",
           {{{"id", "la-training"},
             {"phase", "I"},
             {"section", "dissemination"},
             {"title", "Tập huấn"},
             {"description", "Tập huấn cán bộ"},
             {"lead", "so-tu-phap"},
             {"coordinators", {"so-ngoai-vu"}},
             {"due_on", "2024-12-31"}}}}};
}

}  // namespace mandate::testing
