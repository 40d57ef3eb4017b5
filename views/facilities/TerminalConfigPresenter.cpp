#include "views/facilities/TerminalConfigPresenter.h"

#include "views/common/ApiErrors.h"

#include "resv/model/Problem.h"
#include "resv/model/Validation.h"

#include <nlohmann/json.hpp>

namespace resv::views {
namespace {

struct LoadedConfig {
    model::TerminalConfig config;
    std::vector<model::ConfigHistoryEntry> history;
};

/// Copies one top-level setting, so an edit can move onto a newer base setting by setting.
void CopySetting(const std::string& name, const model::TerminalSettings& from,
                 model::TerminalSettings& to) {
    if (name == model::kSettingVolume) {
        to.volume = from.volume;
    } else if (name == model::kSettingDisplayLanguage) {
        to.displayLanguage = from.displayLanguage;
    } else if (name == model::kSettingIdleMessage) {
        to.idleMessage = from.idleMessage;
    } else if (name == model::kSettingBusinessHours) {
        to.businessHours = from.businessHours;
    } else if (name == model::kSettingRemoteSupport) {
        to.remoteSupport = from.remoteSupport;
    }
}

const model::TerminalSettings& DefaultSettings() {
    static const model::TerminalSettings settings;
    return settings;
}

} // namespace

TerminalConfigPresenter::TerminalConfigPresenter(std::shared_ptr<client::IFacilitiesApi> api,
                                                 ConfigTarget target, ITaskRunner& runner,
                                                 IUiDispatcher& ui)
    : m_api(std::move(api))
    , m_target(std::move(target))
    , m_scope(runner, ui)
    , m_pollScope(runner, ui) {}

void TerminalConfigPresenter::Notify() const {
    if (m_callbacks.changed) {
        m_callbacks.changed();
    }
}

const model::TerminalSettings& TerminalConfigPresenter::Current() const {
    return m_base ? m_base->settings : DefaultSettings();
}

void TerminalConfigPresenter::Load() {
    m_busy = true;
    Notify();
    auto api = m_api;
    const bool single = !m_target.IsGroup();
    const std::string first =
        m_target.terminalIds.empty() ? std::string() : m_target.terminalIds.front();
    m_scope.Run(
        [api, single, first] {
            LoadedConfig loaded;
            if (!first.empty()) {
                loaded.config = api->GetTerminalConfig(first);
            }
            if (single) {
                loaded.history = api->GetTerminalConfigHistory(first);
            }
            return loaded;
        },
        [this](TaskResult<LoadedConfig> result) {
            m_busy = false;
            if (!result.Ok()) {
                return Failed(ToApiError(result.Error()));
            }
            // The user's edit is kept as the settings they changed, now on top of the fresh
            // base: what someone else changed meanwhile in other settings is not undone.
            const std::vector<std::string> changed =
                m_edit ? Changes() : std::vector<std::string>{};
            const model::TerminalSettings edited = m_edited;
            m_base = result.Value().config;
            m_history = std::move(result.Value().history);
            m_edited = m_base->settings;
            for (const std::string& name : changed) {
                CopySetting(name, edited, m_edited);
            }
            m_stale = false;
            Notify();
        });
}

void TerminalConfigPresenter::SetEdited(model::TerminalSettings settings) {
    if (settings == m_edited) {
        return;
    }
    m_edited = std::move(settings);
    m_edit = true;
    Notify();
}

std::vector<std::string> TerminalConfigPresenter::Changes() const {
    return model::ChangedSettings(Current(), m_edited);
}

nlohmann::json TerminalConfigPresenter::PatchJson() const {
    const nlohmann::json all = m_edited;
    nlohmann::json patch = nlohmann::json::object();
    for (const std::string& name : Changes()) {
        patch[name] = all.at(name);
    }
    return patch;
}

bool TerminalConfigPresenter::Validate(model::TimePoint now) {
    m_errors.clear();
    try {
        model::ApplySettingsPatch(Current(), PatchJson(), now);
    } catch (const model::ValidationError& error) {
        for (const model::FieldError& fieldError : error.Errors()) {
            m_errors.emplace(fieldError.field, fieldError);
        }
    }
    return m_errors.empty();
}

void TerminalConfigPresenter::Apply(model::TimePoint now) {
    if (m_busy || !m_base || m_target.terminalIds.empty()) {
        return;
    }
    if (!Validate(now)) {
        Notify();
        return;
    }
    m_busy = true;
    m_stale = false;
    Notify();
    auto api = m_api;
    const nlohmann::json patch = PatchJson();
    if (!m_target.IsGroup()) {
        const std::string id = m_target.terminalIds.front();
        m_scope.Run(
            [api, id, patch, ifMatch = m_base->version] {
                LoadedConfig loaded;
                loaded.config = api->PutTerminalConfig(id, patch, ifMatch);
                loaded.history = api->GetTerminalConfigHistory(id);
                return loaded;
            },
            [this, id](TaskResult<LoadedConfig> result) {
                m_busy = false;
                if (!result.Ok()) {
                    return Failed(ToApiError(result.Error()));
                }
                AdoptWritten(id, result.Value().config, std::move(result.Value().history));
            });
        return;
    }
    const NodeRef ref = m_target.ref;
    m_scope.Run(
        [api, ref, patch] {
            return ref.kind == NodeKind::Facility ? api->PutFacilityConfig(ref.id, patch)
                                                  : api->PutJurisdictionConfig(ref.id, patch);
        },
        [this](TaskResult<model::BulkConfigResult> result) {
            m_busy = false;
            if (!result.Ok()) {
                return Failed(ToApiError(result.Error()));
            }
            std::map<std::string, int> versions;
            for (const auto& item : result.Value().updated) {
                versions[item.terminalId] = item.version;
            }
            m_base->settings = m_edited;
            m_edit = false;
            StartTracking(std::move(versions));
        });
}

void TerminalConfigPresenter::Rollback(int version) {
    if (m_busy || m_target.IsGroup()) {
        return;
    }
    m_busy = true;
    Notify();
    auto api = m_api;
    const std::string id = m_target.terminalIds.front();
    m_scope.Run(
        [api, id, version] {
            LoadedConfig loaded;
            loaded.config = api->RollbackTerminalConfig(id, version);
            loaded.history = api->GetTerminalConfigHistory(id);
            return loaded;
        },
        [this, id](TaskResult<LoadedConfig> result) {
            m_busy = false;
            if (!result.Ok()) {
                return Failed(ToApiError(result.Error()));
            }
            m_stale = false;
            AdoptWritten(id, result.Value().config, std::move(result.Value().history));
        });
}

void TerminalConfigPresenter::AdoptWritten(const std::string& terminalId,
                                           model::TerminalConfig config,
                                           std::vector<model::ConfigHistoryEntry> history) {
    m_base = std::move(config);
    m_history = std::move(history);
    m_edited = m_base->settings;
    m_edit = false;
    StartTracking({{terminalId, m_base->version}});
}

void TerminalConfigPresenter::StartTracking(std::map<std::string, int> versions) {
    m_awaited = std::move(versions);
    ApplyProgress progress;
    progress.pending = static_cast<int>(m_awaited.size());
    m_progress = progress;
    Notify();
}

void TerminalConfigPresenter::Poll() {
    if (m_polling || !Polling()) {
        return;
    }
    m_polling = true;
    auto api = m_api;
    const bool single = m_awaited.size() == 1;
    const std::string first = m_awaited.begin()->first;
    m_pollScope.Run(
        [api, single, first] {
            return single ? std::vector<model::Terminal>{api->GetTerminal(first)}
                          : api->ListTerminals();
        },
        [this](TaskResult<std::vector<model::Terminal>> result) {
            m_polling = false;
            if (!result.Ok()) {
                return; // the next poll tries again; the states shown stay as they were
            }
            ApplyProgress progress;
            for (const model::Terminal& terminal : result.Value()) {
                const auto awaited = m_awaited.find(terminal.id);
                if (awaited == m_awaited.end()) {
                    continue;
                }
                if (terminal.appliedConfigVersion >= awaited->second) {
                    ++progress.applied;
                } else if (terminal.configState == model::ConfigState::Failed) {
                    ++progress.failed;
                    progress.failures.push_back(terminal.name + ": " +
                                                terminal.configError.value_or(""));
                } else {
                    ++progress.pending;
                }
            }
            m_progress = progress;
            Notify();
        });
}

void TerminalConfigPresenter::Failed(const client::ApiError& error) {
    if (error.GetKind() == client::ApiError::Kind::Http) {
        if (error.Code() == model::error_code::kStaleVersion) {
            m_stale = true; // the edit stays; the view explains and offers to reload
            Notify();
            return;
        }
        if (error.Code() == model::error_code::kInvalidField) {
            for (const model::FieldError& fieldError : error.Problem().errors) {
                m_errors.insert_or_assign(fieldError.field, fieldError);
            }
        }
    }
    Notify();
    if (m_callbacks.failed) {
        m_callbacks.failed(error);
    }
}

} // namespace resv::views
