#include "facilities/ServiceSupport.h"

#include "http/Problem.h"
#include "resv/model/Problem.h"

#include <nlohmann/json.hpp>

namespace resv::server::facilities {

namespace ec = model::error_code;

void ThrowNotFound(const std::string& what) {
    throw http::HttpError(404, ec::kNotFound, "There is no such " + what + ".");
}

void ThrowInvalidField(const std::string& field, const std::string& message) {
    throw http::HttpError(400, ec::kInvalidField, message,
                          {model::FieldError{field, "invalid_value", message}});
}

void ThrowConflict(const std::string& detail) {
    throw http::HttpError(409, ec::kConflict, detail);
}

namespace {

/// "name" or "login_id" of the object after the change, or before it when it was deleted.
std::optional<std::string> LabelFromDetails(const nlohmann::json& details) {
    for (const char* side : {"after", "before"}) {
        const auto object = details.find(side);
        if (object == details.end() || !object->is_object()) {
            continue;
        }
        for (const char* key : {"name", "login_id"}) {
            const auto value = object->find(key);
            if (value != object->end() && value->is_string()) {
                return value->get<std::string>();
            }
        }
    }
    return std::nullopt;
}

} // namespace

void Audit(const ServiceContext& context, storage::Connection& connection,
           const auth::Caller& caller, const std::string& action, audit::Target target,
           const nlohmann::json& details) {
    context.audit.Append(connection,
                         {caller.TenantId(), auth::ActorOf(caller.principal.account),
                          caller.sourceIp, action, std::move(target), audit::AuditResult::Success},
                         details);
}

void Audit(const ServiceContext& context, storage::Connection& connection,
           const auth::Caller& caller, const std::string& action, const std::string& targetId,
           const nlohmann::json& details) {
    Audit(context, connection, caller, action,
          audit::Target{audit::CategoryOf(action), targetId, LabelFromDetails(details)}, details);
}

} // namespace resv::server::facilities
