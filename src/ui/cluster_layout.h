// Geometry of the cluster view: nodes are horizontal lanes (regions), StatefulSet ordinals are
// columns, so web-N always sits in column N and moves down into its node's lane when scheduled.
// A lane at the top holds pods not yet scheduled (and the pod the controller's gate holds back).
// PVC cylinders sit under their pods with their PVs beside them, or, when that would make the
// cards too small, stacked to the right of each card. With many pods the view switches to a
// dense grid of small tiles per node. Pure geometry: no ImGui, no engine.
#pragma once

#include <string>
#include <vector>

#include "ui/cluster_model.h"
#include "ui/ui_state.h"

namespace sts::ui {

struct LaneLayout {
    std::string node;  // "" for the lane of pods not yet scheduled
    Rect rect;
    bool control_plane = false;
};

struct ColumnLayout {
    std::string set;   // "" for a pod without a StatefulSet
    int ordinal = -1;
    std::string pod;   // the pod of a non-StatefulSet column
    float x = 0;       // left edge of the cards in this column
};

struct ClusterLayout {
    Rect area;
    bool dense = false;
    float scale = 1;         // of the natural sizes (text scales with it)
    float card_w = 0, card_h = 0;
    float label_w = 0;       // lane label column
    bool storage = false;    // lanes have room for PVC/PV cylinders
    bool storage_beside = false;  // cylinders right of the cards (else under them)
    float storage_h = 0;
    Rect service_bar;        // the headless Service and its endpoints (h = 0 when none)
    float header_y = 0;      // baseline row of the column headers
    std::vector<LaneLayout> lanes;
    std::vector<ColumnLayout> columns;
    // Dense mode: one tile per pod, in the order of ClusterModel::pods.
    float cell = 0;
    std::vector<Rect> tiles;

    int Column(const std::string& set, int ordinal) const;
    int ColumnOfPod(const std::string& pod) const;
    const LaneLayout* Lane(const std::string& node) const;
    // The card of a column in a lane (pass node "" for the unscheduled lane).
    Rect Card(int column, const LaneLayout& lane) const;
    // The PVC cylinder and its PV's cylinder for a card drawn at `card` (under it, side by
    // side, or right of it, one above the other).
    Rect ClaimAt(const Rect& card) const;
    Rect VolumeAt(const Rect& card) const;
};

// Natural sizes (CSS px at scale 1).
namespace layout {
inline constexpr float kCardW = 120;
inline constexpr float kCardH = 56;
inline constexpr float kGap = 12;
inline constexpr float kLabelW = 132;
inline constexpr float kLanePad = 7;
inline constexpr float kLaneGap = 5;
inline constexpr float kControlPlaneH = 22;
inline constexpr float kStorageH = 42;       // cylinders under the cards
inline constexpr float kStorageBesideW = 42; // cylinders right of the cards
inline constexpr float kServiceH = 32;
inline constexpr float kHeaderH = 18;
inline constexpr float kMargin = 12;
inline constexpr float kMinScale = 0.6f;
}  // namespace layout

// `top_reserved`: height at the top of the area kept free (the banner).
ClusterLayout ComputeLayout(const ClusterModel& model, const Rect& area, float top_reserved);

// The Service the view shows: the governing Service of the first StatefulSet, else the first
// headless one (nullptr when none).
const ServiceInfo* ShownService(const ClusterModel& model);

}  // namespace sts::ui
