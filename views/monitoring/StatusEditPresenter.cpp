#include "views/monitoring/StatusEditPresenter.h"

#include "views/common/ApiErrors.h"

#include "resv/model/Facility.h"

#include <string_view>

namespace resv::views {

std::string TrimmedMessage(const std::string& text) {
    constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
    constexpr std::string_view kSpaces = " \t\r\n";
    std::string_view view = text;
    for (;;) {
        if (!view.empty() && kSpaces.find(view.front()) != std::string_view::npos) {
            view.remove_prefix(1);
        } else if (!view.empty() && kSpaces.find(view.back()) != std::string_view::npos) {
            view.remove_suffix(1);
        } else if (view.starts_with(kIdeographicSpace)) {
            view.remove_prefix(kIdeographicSpace.size());
        } else if (view.ends_with(kIdeographicSpace)) {
            view.remove_suffix(kIdeographicSpace.size());
        } else {
            return std::string(view);
        }
    }
}

StatusEditPresenter::StatusEditPresenter(std::shared_ptr<client::IMonitoringApi> api,
                                         const model::ComponentStatus& current, ITaskRunner& runner,
                                         IUiDispatcher& ui)
    : m_api(std::move(api))
    , m_componentId(current.id)
    , m_scope(runner, ui) {
    if (current.setByOperator) {
        m_initialState = current.status;
        m_initialMessage = current.message;
    }
}

StatusEditPresenter::Problem StatusEditPresenter::Validate(const std::string& message) {
    const std::string trimmed = TrimmedMessage(message);
    if (trimmed.empty()) {
        return Problem::MessageMissing;
    }
    if (model::CountCharacters(trimmed) > kMaxMessage) {
        return Problem::MessageTooLong;
    }
    return Problem::None;
}

StatusEditPresenter::Problem StatusEditPresenter::Save(model::ComponentState state,
                                                       const std::string& message) {
    if (m_saving) {
        return Problem::None;
    }
    const Problem problem = Validate(message);
    if (problem != Problem::None) {
        return problem;
    }
    m_saving = true;
    m_error.reset();
    model::ComponentOverride input{state, TrimmedMessage(message)};
    m_scope.Run([api = m_api, id = m_componentId,
                 input = std::move(input)] { return api->SetComponentStatus(id, input); },
                [this](TaskResult<model::ComponentStatus> result) {
                    m_saving = false;
                    if (result.Ok()) {
                        if (m_callbacks.changed) {
                            m_callbacks.changed();
                        }
                        if (m_callbacks.saved) {
                            m_callbacks.saved(result.Value());
                        }
                        return;
                    }
                    m_error = ToApiError(result.Error());
                    if (m_callbacks.changed) {
                        m_callbacks.changed();
                    }
                    if (m_callbacks.failed) {
                        m_callbacks.failed(*m_error);
                    }
                });
    if (m_callbacks.changed) {
        m_callbacks.changed();
    }
    return Problem::None;
}

} // namespace resv::views
