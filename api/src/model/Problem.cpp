#include "resv/model/Problem.h"

#include "resv/model/Json.h"

namespace resv::model {

void to_json(nlohmann::json& j, const FieldError& e) {
    j = Json{{"field", e.field}, {"code", e.code}, {"message", e.message}};
}

void from_json(const nlohmann::json& j, FieldError& e) {
    e.field = Required<std::string>(j, "field");
    e.code = Required<std::string>(j, "code");
    e.message = Optional<std::string>(j, "message").value_or("");
}

void to_json(nlohmann::json& j, const Problem& p) {
    j = Json{{"type", p.type},
             {"title", p.title},
             {"status", p.status},
             {"detail", p.detail},
             {"code", p.code}};
    if (!p.errors.empty()) {
        j["errors"] = p.errors;
    }
}

void from_json(const nlohmann::json& j, Problem& p) {
    Problem parsed;
    parsed.type = Optional<std::string>(j, "type").value_or("about:blank");
    parsed.title = Optional<std::string>(j, "title").value_or("");
    parsed.status = Optional<int>(j, "status").value_or(0);
    parsed.detail = Optional<std::string>(j, "detail").value_or("");
    parsed.code = Optional<std::string>(j, "code").value_or("");
    parsed.errors =
        Optional<std::vector<FieldError>>(j, "errors").value_or(std::vector<FieldError>{});
    p = std::move(parsed);
}

} // namespace resv::model
