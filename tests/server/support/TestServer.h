#pragma once
// A resv-server running in-process on a free loopback port, in its own temporary data dir, with
// a clock the test moves by hand.

#include "resv/client/ApiClient.h"
#include "resv/server/Clock.h"
#include "resv/server/Server.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace resv::test {

/// A fresh directory under /tmp, removed with everything in it at the end.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& Path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

/// 2026-11-25T08:00:00Z: a fixed start, so times in assertions are exact.
model::TimePoint TestEpoch();

struct DemoLogin {
    const char* tenant;
    const char* loginId;
    const char* password;
};

inline constexpr DemoLogin kManager{"demo", "manager", "Kanri-Demo#2026"};
inline constexpr DemoLogin kViewer{"demo", "viewer", "Etsuran-Demo#2026"};
inline constexpr DemoLogin kStaff{"demo", "staff01", "Juugyouin-Demo#2026"};
inline constexpr DemoLogin kOtherManager{"other", "manager", "Other-Kanri#2026"};
inline constexpr DemoLogin kSupport{"provider", "support", "Hoshu-Desk#2026"};

model::LoginRequest RequestFor(const DemoLogin& login);

class TestServer {
public:
    /// Starts the server (port 0) with the demo seeded.
    TestServer();
    ~TestServer();

    server::Server& Server() { return *m_server; }
    server::ManualClock& Clock() { return *m_clock; }
    std::shared_ptr<server::ManualClock> SharedClock() const { return m_clock; }
    int Port() const { return m_server->Port(); }
    std::filesystem::path DataDir() const { return m_dir.Path() / "data"; }
    std::filesystem::path CaFile() const { return m_server->CaFile(); }
    std::string BaseUrl(const std::string& host = "127.0.0.1") const;

    /// A client that trusts the server's dev CA.
    std::unique_ptr<client::ApiClient> Client(const std::string& host = "127.0.0.1") const;

private:
    TempDir m_dir;
    std::shared_ptr<server::ManualClock> m_clock;
    std::unique_ptr<server::Server> m_server;
};

/// The ApiError `call` throws (fails the test if it throws nothing).
client::ApiError ApiErrorOf(const std::function<void()>& call);

} // namespace resv::test
