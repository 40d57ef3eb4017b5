#pragma once
// The one error type for input that does not fit the model: it names the field, so the server can
// answer 400 invalid_field and the console can show the message next to the right control.

#include <stdexcept>
#include <string>
#include <vector>

namespace resv::model {

struct FieldError {
    std::string field;   ///< dotted path, e.g. "account.roles"
    std::string code;    ///< "required", "invalid_type", "invalid_value", "too_long", ...
    std::string message; ///< English, for logs and API clients; the console translates `code`

    bool operator==(const FieldError&) const = default;
};

class ValidationError : public std::runtime_error {
public:
    explicit ValidationError(std::vector<FieldError> errors);
    ValidationError(std::string field, std::string code, std::string message);

    const std::vector<FieldError>& Errors() const { return m_errors; }

    /// The same errors with "prefix." in front of every field.
    ValidationError Prefixed(const std::string& prefix) const;

private:
    std::vector<FieldError> m_errors;
};

} // namespace resv::model
