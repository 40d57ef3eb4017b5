#pragma once
// A real resv-server on a free loopback port, seeded with the demo, with a clock the tests move.

#include "resv/server/Clock.h"

#include <filesystem>
#include <memory>
#include <string>

namespace resv::views::gui_test {

class TestServer {
public:
    /// One per test run: started on first use, stopped at exit.
    static TestServer& Shared();
    ~TestServer();

    std::string Url() const;
    std::string CaFile() const;
    /// The device tokens the demo seed wrote for resv-terminal-sim (one line per terminal).
    std::filesystem::path DemoTokensFile() const;
    server::ManualClock& Clock() { return *m_clock; }

private:
    TestServer();
    struct Impl;
    std::shared_ptr<server::ManualClock> m_clock;
    std::unique_ptr<Impl> m_impl;
};

} // namespace resv::views::gui_test
