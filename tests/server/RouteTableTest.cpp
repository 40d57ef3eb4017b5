// Every route the server serves is in api/openapi.yaml, and every operation there is served.

#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

using namespace resv;
using namespace resv::test;

namespace {

std::size_t Indent(const std::string& line) {
    return line.find_first_not_of(' ');
}

std::string ToUpper(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return text;
}

/// (METHOD, path) of every operation under `paths:`: path keys sit at indent 2 and start with '/',
/// operations are the HTTP method keys at indent 4 below them.
std::set<std::pair<std::string, std::string>> OpenApiOperations(const std::string& file) {
    static const std::set<std::string> kMethods{"get",   "put",     "post", "delete",
                                                "patch", "options", "head", "trace"};
    std::ifstream in(file);
    REQUIRE(in);
    std::set<std::pair<std::string, std::string>> operations;
    bool inPaths = false;
    std::string path;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || Indent(line) == std::string::npos || line[Indent(line)] == '#') {
            continue;
        }
        if (Indent(line) == 0) {
            inPaths = line.rfind("paths:", 0) == 0;
            continue;
        }
        if (!inPaths) {
            continue;
        }
        std::string key = line.substr(Indent(line), line.find(':') - Indent(line));
        if (key.size() >= 2 && (key.front() == '\'' || key.front() == '"') &&
            key.back() == key.front()) {
            key = key.substr(1, key.size() - 2);
        }
        if (Indent(line) == 2 && key.rfind('/', 0) == 0) {
            path = key;
        } else if (Indent(line) == 4 && kMethods.count(key)) {
            operations.emplace(ToUpper(key), path);
        }
    }
    return operations;
}

} // namespace

TEST_CASE("The server's routes and the operations in api/openapi.yaml are the same set") {
    TestServer server;
    std::set<std::pair<std::string, std::string>> served;
    for (const auto& route : server.Server().Routes()) {
        served.emplace(route.method, route.path);
    }
    const auto documented = OpenApiOperations(RESV_OPENAPI_FILE);
    REQUIRE_FALSE(documented.empty());

    for (const auto& [method, path] : served) {
        INFO("served but not in openapi.yaml: " << method << " " << path);
        CHECK(documented.count({method, path}) == 1);
    }
    for (const auto& [method, path] : documented) {
        INFO("in openapi.yaml but not served: " << method << " " << path);
        CHECK(served.count({method, path}) == 1);
    }
}

TEST_CASE("The openapi reader finds what it should in a known document") {
    // Guards the test above against a reader that silently finds nothing.
    TempDir dir;
    const auto file = dir.Path() / "spec.yaml";
    std::ofstream(file) << "openapi: 3.1.0\n"
                           "paths:\n"
                           "  /a:\n"
                           "    get:\n"
                           "      summary: x\n"
                           "    post:\n"
                           "      requestBody:\n"
                           "        content:\n"
                           "          application/json: {}\n"
                           "  '/b/{id}':\n"
                           "    delete: {}\n"
                           "components:\n"
                           "  schemas:\n"
                           "    /notapath:\n"
                           "      get: {}\n";
    const auto operations = OpenApiOperations(file.string());
    CHECK(operations == std::set<std::pair<std::string, std::string>>{
                            {"GET", "/a"}, {"POST", "/a"}, {"DELETE", "/b/{id}"}});
}
