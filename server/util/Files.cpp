#include "util/Files.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace resv::server::util {
namespace {

[[noreturn]] void ThrowErrno(const std::string& what, const std::filesystem::path& path) {
    throw std::runtime_error(what + " " + path.string() + ": " + std::strerror(errno));
}

class FileDescriptor {
public:
    explicit FileDescriptor(int fd)
        : m_fd(fd) {}
    ~FileDescriptor() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int Get() const { return m_fd; }
    int Release() { return std::exchange(m_fd, -1); }

private:
    int m_fd;
};

void WriteAll(int fd, std::string_view content, const std::filesystem::path& path) {
    while (!content.empty()) {
        const ssize_t written = ::write(fd, content.data(), content.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            ThrowErrno("cannot write", path);
        }
        content.remove_prefix(static_cast<std::size_t>(written));
    }
}

} // namespace

void EnsurePrivateDirectory(const std::filesystem::path& dir) {
    if (dir.has_parent_path() && !dir.parent_path().empty()) {
        std::filesystem::create_directories(dir.parent_path());
    }
    if (::mkdir(dir.c_str(), kPrivateDirMode) == 0) {
        return;
    }
    if (errno != EEXIST) {
        ThrowErrno("cannot create directory", dir);
    }
    struct stat info {};
    if (::stat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        throw std::runtime_error(dir.string() + " exists and is not a directory");
    }
    if ((info.st_mode & 0077) != 0) {
        spdlog::warn("{} was readable by others; restricting it to its owner (0700)", dir.string());
        if (::chmod(dir.c_str(), kPrivateDirMode) != 0) {
            ThrowErrno("cannot restrict", dir);
        }
    }
}

void CreateFileIfMissing(const std::filesystem::path& file, mode_t mode) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd >= 0) {
        ::close(fd);
        return;
    }
    if (errno != EEXIST) {
        ThrowErrno("cannot create", file);
    }
}

void WriteFileAtomically(const std::filesystem::path& file, std::string_view content, mode_t mode) {
    const std::filesystem::path temporary = file.string() + ".tmp";
    ::unlink(temporary.c_str());
    FileDescriptor fd(
        ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode));
    if (fd.Get() < 0) {
        ThrowErrno("cannot create", temporary);
    }
    WriteAll(fd.Get(), content, temporary);
    if (::fsync(fd.Get()) != 0 || ::close(fd.Release()) != 0) {
        ThrowErrno("cannot write", temporary);
    }
    if (::rename(temporary.c_str(), file.c_str()) != 0) {
        ThrowErrno("cannot rename onto", file);
    }
}

std::string ReadFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + file.string());
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

mode_t PermissionBits(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        ThrowErrno("cannot stat", path);
    }
    return info.st_mode & 07777;
}

} // namespace resv::server::util
