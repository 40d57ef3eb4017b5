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
          audit::Target{audit::CategoryOf(action), targetId,
                        audit::FromChangedObject(details, {"name", "login_id"})},
          details);
}

} // namespace resv::server::facilities
