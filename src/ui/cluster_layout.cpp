// Cluster view geometry: lanes per node, columns per ordinal, dense tiles for large sets.
#include "ui/cluster_layout.h"

#include <algorithm>
#include <cmath>

namespace sts::ui {

namespace {

constexpr int kMaxNormalPods = 40;
constexpr int kMaxColumnsPerSet = 4096;

int LaneIndexFor(const ClusterLayout& l, const std::string& node) {
    for (size_t i = 0; i < l.lanes.size(); ++i)
        if (l.lanes[i].node == node) return static_cast<int>(i);
    return 0;  // unknown nodes: the unscheduled lane
}

}  // namespace

int ClusterLayout::Column(const std::string& set, int ordinal) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i].set == set && columns[i].ordinal == ordinal && !set.empty()) return static_cast<int>(i);
    return -1;
}

int ClusterLayout::ColumnOfPod(const std::string& pod) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i].set.empty() && columns[i].pod == pod) return static_cast<int>(i);
    return -1;
}

const LaneLayout* ClusterLayout::Lane(const std::string& node) const {
    for (const auto& lane : lanes)
        if (lane.node == node) return &lane;
    return lanes.empty() ? nullptr : &lanes.front();
}

Rect ClusterLayout::Card(int column, const LaneLayout& lane) const {
    return Rect{columns[static_cast<size_t>(column)].x, lane.rect.y + layout::kLanePad * scale, card_w, card_h};
}

Rect ClusterLayout::ClaimAt(const Rect& card) const {
    if (storage_beside) return Rect{card.x + card.w + 7 * scale, card.y, 30 * scale, 28 * scale};
    return Rect{card.x + 10 * scale, card.y + card.h + 7 * scale, 32 * scale, 33 * scale};
}

Rect ClusterLayout::VolumeAt(const Rect& card) const {
    if (storage_beside) return Rect{card.x + card.w + 8 * scale, card.y + card.h - 24 * scale, 28 * scale, 24 * scale};
    return Rect{card.x + 66 * scale, card.y + card.h + 11 * scale, 30 * scale, 28 * scale};
}

const ServiceInfo* ShownService(const ClusterModel& model) {
    for (const auto& set : model.sets) {
        for (const auto& svc : model.services)
            if (svc.name == set.service) return &svc;
    }
    for (const auto& svc : model.services)
        if (svc.headless) return &svc;
    return nullptr;
}

ClusterLayout ComputeLayout(const ClusterModel& model, const Rect& area, float top_reserved) {
    using namespace layout;
    ClusterLayout l;
    l.area = area;
    const ServiceInfo* svc = ShownService(model);

    // Columns: every ordinal a set has or should have, then pods without a set.
    for (const auto& set : model.sets) {
        int last = set.start_ordinal + set.replicas - 1;
        for (const auto& p : model.pods)
            if (p.set == set.name) last = std::max(last, p.ordinal);
        for (const auto& c : model.claims)
            if (c.set == set.name) last = std::max(last, c.ordinal);
        if (set.gate && set.gate->ordinal >= 0) last = std::max(last, set.gate->ordinal);
        // Long before this many columns the view is dense (tiles, no columns); a set scaled to a
        // million replicas must not cost a million columns a frame.
        last = std::min(last, set.start_ordinal + kMaxColumnsPerSet);
        for (int o = set.start_ordinal; o <= last; ++o) l.columns.push_back({set.name, o, {}, 0});
    }
    for (const auto& p : model.pods) {
        if (!p.set.empty() && model.FindSet(p.set) != nullptr) continue;
        l.columns.push_back({{}, -1, p.name, 0});
    }

    // Lanes: pods not yet scheduled, the workers, then the control plane (thin, and last, so
    // the Service's links to its endpoints never cross its label).
    l.lanes.push_back({{}, {}, false});
    for (const auto& n : model.nodes)
        if (!n.control_plane) l.lanes.push_back({n.name, {}, false});
    for (const auto& n : model.nodes)
        if (n.control_plane) l.lanes.push_back({n.name, {}, true});

    l.storage = !model.claims.empty();
    for (const auto& set : model.sets)
        if (!set.claim_templates.empty()) l.storage = true;

    // One scale for everything (text included), as large as fits, at most 1. The lane of
    // unscheduled pods is always card-high so the view does not jump when a pod passes through.
    const float avail_w = std::max(1.0f, area.w - 2 * kMargin);
    const float avail_h = std::max(1.0f, area.h - top_reserved - 2 * kMargin);
    const auto scale_for = [&](float storage_below, float storage_beside) {
        const float lane_h = 2 * kLanePad + kCardH + storage_below;
        float h = kHeaderH + (svc ? kServiceH + kLaneGap : 0);
        for (const auto& lane : l.lanes) h += (lane.control_plane ? kControlPlaneH : lane_h) + kLaneGap;
        const float w = kLabelW + static_cast<float>(l.columns.size()) * (kCardW + storage_beside + kGap) + kGap;
        return std::min({1.0f, avail_w / w, avail_h / h});
    };
    float scale = scale_for(0, 0);
    if (l.storage) {
        const float below = scale_for(kStorageH, 0);
        const float beside = scale_for(0, kStorageBesideW);
        l.storage_beside = beside > below + 0.02f;
        scale = l.storage_beside ? beside : below;
    }
    l.dense = scale < kMinScale || static_cast<int>(model.pods.size()) > kMaxNormalPods;

    const float x0 = area.x + kMargin;
    float y = area.y + top_reserved + kMargin;
    if (!l.dense) {
        l.scale = scale;
        l.card_w = kCardW * scale;
        l.card_h = kCardH * scale;
        l.label_w = kLabelW * scale;
        l.storage_h = l.storage && !l.storage_beside ? kStorageH * scale : 0;
        const float lane_h = (2 * kLanePad + kCardH) * scale + l.storage_h;
        if (svc) {
            l.service_bar = Rect{x0, y, avail_w, kServiceH * scale};
            y += (kServiceH + kLaneGap) * scale;
        }
        l.header_y = y;
        y += kHeaderH * scale;
        for (auto& lane : l.lanes) {
            const float h = lane.control_plane ? kControlPlaneH * scale : lane_h;
            lane.rect = Rect{x0, y, avail_w, h};
            y += h + kLaneGap * scale;
        }
        const float stride = (kCardW + (l.storage_beside ? kStorageBesideW : 0) + kGap) * scale;
        for (size_t i = 0; i < l.columns.size(); ++i) {
            l.columns[i].x = x0 + l.label_w + kGap * scale + static_cast<float>(i) * stride;
        }
        return l;
    }

    // Dense: tiles in rows per lane, as large as fits.
    l.scale = 1;
    l.label_w = 132;
    l.storage = false;
    if (svc) {
        l.service_bar = Rect{x0, y, avail_w, 34};
        y += 34 + kLaneGap;
    }
    l.header_y = y;
    std::vector<int> counts(l.lanes.size(), 0);
    for (const auto& p : model.pods) ++counts[static_cast<size_t>(LaneIndexFor(l, p.node))];
    const float grid_w = std::max(8.0f, avail_w - l.label_w - 8);
    const float room = std::max(1.0f, area.y + area.h - kMargin - y);
    float cell = 2;
    for (float c = 18; c >= 2; c -= 1) {
        const int cols = std::max(1, static_cast<int>(grid_w / c));
        float h = 0;
        for (size_t i = 0; i < l.lanes.size(); ++i) {
            if (l.lanes[i].control_plane && counts[i] == 0) {
                h += kControlPlaneH + kLaneGap;
                continue;
            }
            const int rows = std::max(1, (counts[i] + cols - 1) / cols);
            h += static_cast<float>(rows) * c + 2 * 6 + kLaneGap;
        }
        if (h <= room) {
            cell = c;
            break;
        }
    }
    l.cell = cell;
    const int cols = std::max(1, static_cast<int>(grid_w / cell));
    for (size_t i = 0; i < l.lanes.size(); ++i) {
        auto& lane = l.lanes[i];
        float h;
        if (lane.control_plane && counts[i] == 0) {
            h = kControlPlaneH;
        } else {
            const int rows = std::max(1, (counts[i] + cols - 1) / cols);
            h = std::max(std::min(cell, 22.0f) + 12, static_cast<float>(rows) * cell + 12);
        }
        lane.rect = Rect{x0, y, avail_w, h};
        y += h + kLaneGap;
    }
    std::vector<int> next(l.lanes.size(), 0);
    l.tiles.reserve(model.pods.size());
    const float gap = cell >= 8 ? 2 : (cell >= 4 ? 1 : 0);
    for (const auto& p : model.pods) {
        const size_t li = static_cast<size_t>(LaneIndexFor(l, p.node));
        const int k = next[li]++;
        const LaneLayout& lane = l.lanes[li];
        const float tx = x0 + l.label_w + 4 + static_cast<float>(k % cols) * cell;
        const float ty = lane.rect.y + 6 + static_cast<float>(k / cols) * cell;
        l.tiles.push_back(Rect{tx, ty, cell - gap, cell - gap});
    }
    return l;
}

}  // namespace sts::ui
