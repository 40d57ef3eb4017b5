#include "util/Encoding.h"

#include <iconv.h>

#include <cerrno>
#include <stdexcept>

namespace resv::server::util {
namespace {

/// The length of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::size_t SequenceLength(unsigned char lead) {
    if (lead >= 0xF0) {
        return 4;
    }
    if (lead >= 0xE0) {
        return 3;
    }
    if (lead >= 0xC0) {
        return 2;
    }
    return 1;
}

} // namespace

std::string Utf8ToCp932(std::string_view utf8) {
    iconv_t converter = iconv_open("CP932", "UTF-8");
    if (converter == reinterpret_cast<iconv_t>(-1)) {
        throw std::runtime_error("this system's iconv has no CP932");
    }
    std::string out(utf8.size() + 16, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t inLeft = utf8.size();
    std::size_t used = 0;
    while (inLeft > 0) {
        char* outPtr = out.data() + used;
        std::size_t outLeft = out.size() - used;
        const std::size_t result = iconv(converter, &in, &inLeft, &outPtr, &outLeft);
        used = out.size() - outLeft;
        if (result != static_cast<std::size_t>(-1)) {
            break;
        }
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
        } else { // EILSEQ or EINVAL: replace the character and go on
            const std::size_t skip =
                std::min(inLeft, SequenceLength(static_cast<unsigned char>(*in)));
            in += skip;
            inLeft -= skip;
            if (used == out.size()) {
                out.resize(out.size() * 2);
            }
            out[used++] = '?';
        }
    }
    iconv_close(converter);
    out.resize(used);
    return out;
}

} // namespace resv::server::util
