#pragma once
// An IFacilitiesApi in memory for presenter tests, GUI tests and the benchmark: lists answer
// what the test put in; changes apply to the lists; a test may set the error the next call
// throws; calls are recorded.

#include "resv/client/ApiError.h"
#include "resv/client/FacilitiesApi.h"
#include "resv/model/Problem.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace resv::views::test {

class FakeFacilitiesApi final : public client::IFacilitiesApi {
public:
    std::vector<model::Jurisdiction> jurisdictions;
    std::vector<model::Facility> facilities;
    std::vector<model::Terminal> terminals;
    std::map<std::string, model::TerminalConfig> configs;
    std::map<std::string, std::vector<model::ConfigHistoryEntry>> histories;
    /// Thrown by the next call, then cleared.
    std::optional<client::ApiError> nextError;
    std::vector<std::string> calls;
    std::vector<std::optional<int>> ifMatches;
    std::vector<nlohmann::json> patches;
    int nextId = 1000;

    std::vector<model::Jurisdiction> ListJurisdictions() override {
        Call("ListJurisdictions");
        return jurisdictions;
    }
    model::Jurisdiction CreateJurisdiction(const model::JurisdictionPatch& input) override {
        Call("CreateJurisdiction");
        model::Jurisdiction j{"jur_" + std::to_string(nextId++), *input.name, 0, 0};
        jurisdictions.push_back(j);
        return j;
    }
    model::Jurisdiction UpdateJurisdiction(const std::string& id,
                                           const model::JurisdictionPatch& patch) override {
        Call("UpdateJurisdiction " + id);
        auto& j = Find(jurisdictions, id);
        if (patch.name) {
            j.name = *patch.name;
        }
        return j;
    }
    void DeleteJurisdiction(const std::string& id) override {
        Call("DeleteJurisdiction " + id);
        Erase(jurisdictions, id);
    }
    std::vector<model::Facility> ListFacilities() override {
        Call("ListFacilities");
        return facilities;
    }
    model::Facility CreateFacility(const model::FacilityPatch& input) override {
        Call("CreateFacility");
        model::Facility f;
        f.id = "fac_" + std::to_string(nextId++);
        Patch(f, input);
        facilities.push_back(f);
        return f;
    }
    model::Facility UpdateFacility(const std::string& id,
                                   const model::FacilityPatch& patch) override {
        Call("UpdateFacility " + id);
        auto& f = Find(facilities, id);
        Patch(f, patch);
        return f;
    }
    void DeleteFacility(const std::string& id) override {
        Call("DeleteFacility " + id);
        Erase(facilities, id);
    }
    std::vector<model::Terminal> ListTerminals() override {
        Call("ListTerminals");
        return terminals;
    }
    model::Terminal GetTerminal(const std::string& id) override {
        Call("GetTerminal " + id);
        return Find(terminals, id);
    }
    model::TerminalWithToken CreateTerminal(const model::TerminalPatch& input) override {
        Call("CreateTerminal");
        model::Terminal t;
        t.id = "trm_" + std::to_string(nextId++);
        Patch(t, input);
        terminals.push_back(t);
        return {t, "dev_token_" + t.id};
    }
    model::Terminal UpdateTerminal(const std::string& id,
                                   const model::TerminalPatch& patch) override {
        Call("UpdateTerminal " + id);
        auto& t = Find(terminals, id);
        Patch(t, patch);
        return t;
    }
    void DeleteTerminal(const std::string& id) override {
        Call("DeleteTerminal " + id);
        Erase(terminals, id);
    }
    model::TerminalWithToken RotateTerminalToken(const std::string& id) override {
        Call("RotateTerminalToken " + id);
        return {Find(terminals, id), "rotated_" + id};
    }
    model::TerminalConfig GetTerminalConfig(const std::string& id) override {
        Call("GetTerminalConfig " + id);
        return configs[id];
    }
    model::TerminalConfig PutTerminalConfig(const std::string& id, const nlohmann::json& patch,
                                            std::optional<int> ifMatch) override {
        Call("PutTerminalConfig " + id);
        ifMatches.push_back(ifMatch);
        patches.push_back(patch);
        model::TerminalConfig& config = configs[id];
        if (ifMatch && *ifMatch != config.version) {
            throw Http(409, model::error_code::kStaleVersion);
        }
        return Change(id, patch, "terminal");
    }
    std::vector<model::ConfigHistoryEntry> GetTerminalConfigHistory(const std::string& id) override {
        Call("GetTerminalConfigHistory " + id);
        return histories[id];
    }
    model::TerminalConfig RollbackTerminalConfig(const std::string& id, int version) override {
        Call("RollbackTerminalConfig " + id + " " + std::to_string(version));
        const auto& history = histories[id];
        const auto it = std::find_if(history.begin(), history.end(),
                                     [&](const auto& e) { return e.version == version; });
        return Change(id, nlohmann::json(it->settings), "rollback");
    }
    model::BulkConfigResult PutFacilityConfig(const std::string& id,
                                              const nlohmann::json& patch) override {
        Call("PutFacilityConfig " + id);
        patches.push_back(patch);
        model::BulkConfigResult result;
        for (const auto& t : std::vector<model::Terminal>(terminals)) {
            if (t.facilityId == id) {
                result.updated.push_back({t.id, Change(t.id, patch, "facility").version});
            }
        }
        return result;
    }
    model::BulkConfigResult PutJurisdictionConfig(const std::string& id,
                                                  const nlohmann::json& patch) override {
        Call("PutJurisdictionConfig " + id);
        patches.push_back(patch);
        model::BulkConfigResult result;
        for (const auto& t : std::vector<model::Terminal>(terminals)) {
            const auto& f = Find(facilities, t.facilityId);
            if (f.jurisdictionId == id) {
                result.updated.push_back({t.id, Change(t.id, patch, "jurisdiction").version});
            }
        }
        return result;
    }

    /// What a terminal does when it has applied its desired configuration.
    void Acknowledge(const std::string& terminalId) {
        std::lock_guard lock(m_mutex);
        auto& t = Find(terminals, terminalId);
        t.appliedConfigVersion = t.desiredConfigVersion;
        t.configState = model::ConfigState::Applied;
    }

    static client::ApiError Http(int status, const char* code, std::string detail = {},
                                 std::vector<model::FieldError> errors = {}) {
        model::Problem problem;
        problem.status = status;
        problem.code = code;
        problem.title = code;
        problem.detail = std::move(detail);
        problem.errors = std::move(errors);
        return client::ApiError(problem);
    }

private:
    void Call(std::string what) {
        std::lock_guard lock(m_mutex);
        calls.push_back(std::move(what));
        if (nextError) {
            const client::ApiError error = *nextError;
            nextError.reset();
            throw error;
        }
    }
    template <typename Item>
    static Item& Find(std::vector<Item>& items, const std::string& id) {
        const auto it =
            std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.id == id; });
        if (it == items.end()) {
            throw Http(404, model::error_code::kNotFound);
        }
        return *it;
    }
    template <typename Item>
    static void Erase(std::vector<Item>& items, const std::string& id) {
        std::erase_if(items, [&](const Item& i) { return i.id == id; });
    }
    static void Patch(model::Facility& f, const model::FacilityPatch& p) {
        if (p.name) f.name = *p.name;
        if (p.jurisdictionId) f.jurisdictionId = *p.jurisdictionId;
        if (p.address) f.address = *p.address;
        if (p.phone) f.phone = *p.phone;
        if (p.notes) f.notes = *p.notes;
    }
    static void Patch(model::Terminal& t, const model::TerminalPatch& p) {
        if (p.name) t.name = *p.name;
        if (p.kind) t.kind = *p.kind;
        if (p.facilityId) t.facilityId = *p.facilityId;
        if (p.ipAddress) t.ipAddress = *p.ipAddress;
        if (p.model) t.model = *p.model;
        if (p.serial) t.serial = *p.serial;
    }
    model::TerminalConfig Change(const std::string& id, const nlohmann::json& patch,
                                 const std::string& origin) {
        model::TerminalConfig& config = configs[id];
        const model::TerminalSettings before = config.settings;
        config.settings = model::ApplySettingsPatch(config.settings, patch, model::Now());
        ++config.version;
        model::ConfigHistoryEntry entry;
        entry.version = config.version;
        entry.settings = config.settings;
        entry.changed = model::ChangedSettings(before, config.settings);
        entry.at = model::Now();
        entry.actorLoginId = "manager";
        entry.actorDisplayName = "Yamada Hanako";
        entry.origin = origin;
        histories[id].insert(histories[id].begin(), entry);
        for (auto& t : terminals) {
            if (t.id == id) {
                t.desiredConfigVersion = config.version;
                t.configState = model::ConfigState::Pending;
            }
        }
        return config;
    }

    std::mutex m_mutex;
};

/// Two jurisdictions, three facilities, five terminals (one offline, one pending).
inline void FillSample(FakeFacilitiesApi& api) {
    api.jurisdictions = {{"jur_tokyo", "Tokyo", 0, 0}, {"jur_osaka", "Osaka", 0, 0}};
    api.facilities = {
        {"fac_shinjuku", "jur_tokyo", "Hotel Shinjuku", "Shinjuku 1-1", "03-1234-5678", "", 0},
        {"fac_ueno", "jur_tokyo", "Hotel Ueno", "", "", "", 0},
        {"fac_namba", "jur_osaka", "Hotel Namba", "", "", "", 0}};
    auto terminal = [](std::string id, std::string facility, std::string name, std::string ip,
                       bool online) {
        model::Terminal t;
        t.id = std::move(id);
        t.facilityId = std::move(facility);
        t.name = std::move(name);
        t.ipAddress = ip;
        t.reportedIp = ip;
        t.serial = "SN-" + t.id;
        t.online = online;
        t.desiredConfigVersion = t.appliedConfigVersion = 1;
        return t;
    };
    api.terminals = {terminal("trm_1", "fac_shinjuku", "KIOSK-01", "192.0.2.11", true),
                     terminal("trm_2", "fac_shinjuku", "KIOSK-02", "192.0.2.12", false),
                     terminal("trm_3", "fac_ueno", "KIOSK-01", "192.0.2.21", true),
                     terminal("trm_4", "fac_namba", "AGENT-PC-1", "198.51.100.5", true),
                     terminal("trm_5", "fac_namba", "KIOSK-01", "198.51.100.6", true)};
    api.terminals[4].desiredConfigVersion = 2;
    api.terminals[4].configState = model::ConfigState::Pending;
    for (const auto& t : api.terminals) {
        api.configs[t.id] = model::TerminalConfig{};
        api.configs[t.id].version = t.desiredConfigVersion;
    }
}

} // namespace resv::views::test
