#pragma once
// The jurisdictions → facilities → terminals tree as plain data (no wx): indexes, counts, the
// status a terminal shows, and the search filter. Built in one pass over the lists, so 2,000
// facilities with 20,000 terminals take milliseconds.

#include "resv/model/Facility.h"
#include "resv/model/Terminal.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace resv::views {

enum class NodeKind { Jurisdiction, Facility, Terminal };

/// Names a node across refreshes: the tree keeps selection and edits by this, not by position.
struct NodeRef {
    NodeKind kind = NodeKind::Jurisdiction;
    std::string id;

    bool operator==(const NodeRef&) const = default;
};

/// What a terminal's icon says. Configuration trouble outranks being online: it needs action.
enum class TerminalStatus { Online, Offline, ConfigPending, ConfigFailed };
TerminalStatus StatusOf(const model::Terminal& terminal);

/// Everything the screen knows, as the three lists came from the server.
struct FacilityData {
    std::vector<model::Jurisdiction> jurisdictions;
    std::vector<model::Facility> facilities;
    std::vector<model::Terminal> terminals;
};

class FacilityTree {
public:
    struct TerminalNode {
        std::size_t index = 0; ///< into Data().terminals
    };
    struct FacilityNode {
        std::size_t index = 0; ///< into Data().facilities
        std::vector<TerminalNode> terminals;
    };
    struct JurisdictionNode {
        std::size_t index = 0; ///< into Data().jurisdictions
        int terminalCount = 0; ///< over all its facilities, counted here (not trusted from the list)
        std::vector<FacilityNode> facilities;
    };

    FacilityTree() = default;
    /// Sorted by name at every level. `filter` (case-insensitive, trimmed) keeps a node when its
    /// name, or a terminal's IP address, reported IP or serial, contains it, together with its
    /// ancestors; a matching jurisdiction or facility keeps everything below it.
    FacilityTree(FacilityData data, std::string_view filter);

    const FacilityData& Data() const { return m_data; }
    const std::vector<JurisdictionNode>& Roots() const { return m_roots; }
    bool Filtered() const { return m_filtered; }

    const model::Jurisdiction* FindJurisdiction(const std::string& id) const;
    const model::Facility* FindFacility(const std::string& id) const;
    const model::Terminal* FindTerminal(const std::string& id) const;
    bool Contains(const NodeRef& ref) const;
    /// Terminals of a facility, or of all the facilities of a jurisdiction (unfiltered).
    std::vector<std::string> TerminalIdsUnder(const NodeRef& ref) const;
    int FacilityCountOf(const std::string& jurisdictionId) const;
    int TerminalCountOfFacility(const std::string& facilityId) const;
    int TerminalCountOfJurisdiction(const std::string& jurisdictionId) const;

private:
    FacilityData m_data;
    std::vector<JurisdictionNode> m_roots;
    std::unordered_map<std::string, std::size_t> m_jurisdictionIndex;
    std::unordered_map<std::string, std::size_t> m_facilityIndex;
    std::unordered_map<std::string, std::size_t> m_terminalIndex;
    std::unordered_map<std::string, std::vector<std::size_t>> m_terminalsOfFacility;
    std::unordered_map<std::string, std::vector<std::size_t>> m_facilitiesOfJurisdiction;
    bool m_filtered = false;
};

/// ASCII case folded; other characters (Japanese) compare as they are.
std::string FoldForSearch(std::string_view text);

} // namespace resv::views
