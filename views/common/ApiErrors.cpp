#include "views/common/ApiErrors.h"

#include "resv/model/Problem.h"

namespace resv::views {

client::ApiError ToApiError(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const client::ApiError& e) {
        return e;
    } catch (const std::exception& e) {
        return ProblemError(0, model::error_code::kInternal, e.what());
    } catch (...) {
        return ProblemError(0, model::error_code::kInternal, "unknown exception");
    }
}

bool EndsSession(const client::ApiError& error) {
    return error.GetKind() == client::ApiError::Kind::Http &&
           (error.Code() == model::error_code::kSessionExpired ||
            error.Code() == model::error_code::kUnauthenticated);
}

client::ApiError ProblemError(int status, const char* code, const char* detail) {
    model::Problem problem;
    problem.status = status;
    problem.code = code;
    problem.title = code;
    problem.detail = detail;
    return client::ApiError(std::move(problem));
}

} // namespace resv::views
