// The router on its own: matching, path parameters, 404/405, 415, and how a handler's failures
// become problems — an unexpected one as a 500 that says nothing of its cause.

#include "http/Router.h"
#include "http/Problem.h"

#include "resv/model/Json.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::server::http;

namespace {

Request Make(std::string method, std::string path, std::string body = {},
             std::string contentType = {}) {
    Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.body = std::move(body);
    if (!contentType.empty()) {
        request.headers["content-type"] = std::move(contentType);
    }
    return request;
}

std::string CodeOf(const Response& response) {
    return model::Json::parse(response.body).at("code");
}

Router MakeRouter() {
    Router router;
    router.Add("GET", "/things/{id}/parts/{part}", [](const Request& request) {
        return Response::Json(
            200, {{"id", request.pathParams.at("id")}, {"part", request.pathParams.at("part")}});
    });
    router.Add("DELETE", "/things/{id}/parts/{part}",
               [](const Request&) { return Response::NoContent(); });
    router.Add(
        "POST", "/things",
        [](const Request& request) {
            const auto body = ParseJsonBody(request);
            model::Required<std::string>(body, "name");
            return Response::Json(201, body);
        },
        RouteOptions::JsonBody());
    router.Add("GET", "/fails", [](const Request&) -> Response {
        throw std::runtime_error("disk /var/secret/path exploded");
    });
    router.Add("GET", "/conflict", [](const Request&) -> Response {
        throw HttpError(409, "conflict", "It changed meanwhile.");
    });
    router.Add("GET", "/a.b", [](const Request&) { return Response::NoContent(); });
    return router;
}

} // namespace

TEST_CASE("Routes match whole paths and hand over their parameters") {
    const Router router = MakeRouter();
    const Response ok = router.Dispatch(Make("GET", "/things/t1/parts/p%2"));
    REQUIRE(ok.status == 200);
    CHECK(model::Json::parse(ok.body) == model::Json{{"id", "t1"}, {"part", "p%2"}});
    CHECK(router.Dispatch(Make("HEAD", "/things/t1/parts/p2")).status == 200);
    CHECK(router.Dispatch(Make("GET", "/things/t1/parts/p2/extra")).status == 404);
    CHECK(router.Dispatch(Make("GET", "/things/t1/parts/")).status == 404);
    // Template text is literal: "." matches only a dot.
    CHECK(router.Dispatch(Make("GET", "/a.b")).status == 204);
    CHECK(router.Dispatch(Make("GET", "/axb")).status == 404);
}

TEST_CASE("A known path with another method is 405 listing the allowed ones") {
    const Router router = MakeRouter();
    const Response response = router.Dispatch(Make("PUT", "/things/t1/parts/p2"));
    CHECK(response.status == 405);
    CHECK(CodeOf(response) == "method_not_allowed");
    CHECK(response.FindHeader("allow") == "DELETE, GET");
    CHECK(response.contentType == "application/problem+json");
}

TEST_CASE("JSON routes want application/json and valid fields") {
    const Router router = MakeRouter();
    CHECK(router.Dispatch(Make("POST", "/things", R"({"name":"x"})", "application/json")).status ==
          201);
    const Response noType = router.Dispatch(Make("POST", "/things", R"({"name":"x"})"));
    CHECK(noType.status == 415);
    CHECK(CodeOf(noType) == "unsupported_media_type");
    const Response missing = router.Dispatch(Make("POST", "/things", "{}", "application/json"));
    CHECK(missing.status == 400);
    CHECK(model::Json::parse(missing.body).at("errors").at(0).at("field") == "name");
}

TEST_CASE("A handler's HttpError is its problem, anything else is a 500 that leaks nothing") {
    const Router router = MakeRouter();
    const Response conflict = router.Dispatch(Make("GET", "/conflict"));
    CHECK(conflict.status == 409);
    CHECK(CodeOf(conflict) == "conflict");

    const Response failed = router.Dispatch(Make("GET", "/fails"));
    CHECK(failed.status == 500);
    CHECK(CodeOf(failed) == "internal_error");
    CHECK(failed.body.find("secret") == std::string::npos);
    CHECK(failed.body.find("exploded") == std::string::npos);
}

TEST_CASE("The route table lists method and template of every route") {
    const auto routes = MakeRouter().Routes();
    REQUIRE(routes.size() == 6);
    CHECK(routes[0] == RouteInfo{"GET", "/things/{id}/parts/{part}"});
    CHECK(routes[2] == RouteInfo{"POST", "/things"});
}
