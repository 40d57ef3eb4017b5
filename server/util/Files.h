#pragma once
// Files with the right permissions from the moment they exist (A.13.1.3: data dir 0700, keys 0600):
// a file is created with its mode, never made first and restricted afterwards.

#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace resv::server::util {

inline constexpr mode_t kPrivateDirMode = 0700;
inline constexpr mode_t kPrivateFileMode = 0600;
inline constexpr mode_t kPublicFileMode = 0644;

/// Creates `dir` (and missing parents) so that it ends as 0700; an existing directory that others
/// can read is tightened to 0700. Throws std::runtime_error naming the path.
void EnsurePrivateDirectory(const std::filesystem::path& dir);

/// Creates an empty file with `mode` unless it exists already.
void CreateFileIfMissing(const std::filesystem::path& file, mode_t mode);

/// Writes `content` to a temporary file created with `mode`, syncs it and renames it over `file`.
void WriteFileAtomically(const std::filesystem::path& file, std::string_view content, mode_t mode);

std::string ReadFile(const std::filesystem::path& file);

/// The permission bits of `path` (e.g. 0600).
mode_t PermissionBits(const std::filesystem::path& path);

} // namespace resv::server::util
