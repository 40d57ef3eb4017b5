#include "resv/model/Role.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace resv::model;

namespace {

bool Has(const BuiltinRole& role, std::string_view permission) {
    return std::find(role.permissions.begin(), role.permissions.end(), permission) !=
           role.permissions.end();
}

} // namespace

TEST_CASE("Built-in roles have the tiers of DESIGN.md") {
    REQUIRE(FindBuiltinRole("operator"));
    CHECK(FindBuiltinRole("operator")->tier == Tier::Provider);
    CHECK(FindBuiltinRole("customermanager")->tier == Tier::Manager);
    CHECK(FindBuiltinRole("customermanager_viewer")->tier == Tier::Manager);
    CHECK(FindBuiltinRole("customeremployee")->tier == Tier::Employee);
    CHECK(FindBuiltinRole("admin") == nullptr);
}

TEST_CASE("Usage history and monitoring are for manager tier and up only") {
    for (const auto& role : BuiltinRoles()) {
        INFO(role.name);
        if (role.tier == Tier::Employee) {
            for (const auto permission : role.permissions) {
                CHECK_FALSE(IsManagerTierOnlyPermission(permission));
            }
        }
    }
    CHECK(Has(*FindBuiltinRole("customermanager_viewer"), permission::kUsageRead));
    CHECK(Has(*FindBuiltinRole("customermanager_viewer"), permission::kMonitoringRead));
}

TEST_CASE("The viewer changes nothing") {
    for (const auto permission : FindBuiltinRole("customermanager_viewer")->permissions) {
        INFO(permission);
        CHECK(permission.find(".write") == std::string_view::npos);
        CHECK(permission != permission::kTerminalsConfigure);
    }
}

TEST_CASE("The customer manager holds the whole customer catalogue and nothing of the provider") {
    const auto& manager = *FindBuiltinRole("customermanager");
    for (const auto permission : CustomerPermissionCatalogue()) {
        CHECK(Has(manager, permission));
    }
    CHECK_FALSE(Has(manager, permission::kIncidentsPublish));
    CHECK_FALSE(Has(manager, permission::kNoticesPublish));
}

TEST_CASE("Tiers compare by power and parse strictly") {
    CHECK(TierAtLeast(Tier::Provider, Tier::Manager));
    CHECK(TierAtLeast(Tier::Manager, Tier::Manager));
    CHECK_FALSE(TierAtLeast(Tier::Employee, Tier::Manager));
    CHECK(TierFromString("manager") == Tier::Manager);
    CHECK_FALSE(TierFromString("Manager").has_value());
}
