// The cluster view: nodes as lanes, pods as cards in the column of their ordinal, the
// controller's gate between ordinals, the partition line, revision stripes, PVC and PV
// cylinders, the headless Service and its endpoints. Geometry goes to the SceneRenderer
// (instanced WebGL in the browser); text and overlays are ImGui draw-list calls on top.
//
// Animations interpolate towards what the engine says now (position, colour, grow-in on
// create, fade out after deletion), driven by the wall clock the platform passes to App::Tick.
//
// Index of this file:
// [SECTION] Animation state and drawing helpers
// [SECTION] Lanes, headers, Service
// [SECTION] Pods
// [SECTION] Gates, partition, storage
// [SECTION] Interaction and legend
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "ui/app.h"
#include "ui/cluster_layout.h"
#include "ui/panels.h"
#include "ui/theme.h"

namespace sts::ui {

// ---------------------------------------------------------------------------------------------
// [SECTION] Animation state and drawing helpers

namespace {

constexpr ImU32 kServiceColor = IM_COL32(45, 212, 191, 255);
constexpr ImU32 kClaimColor = IM_COL32(139, 92, 246, 255);
constexpr ImU32 kVolumeColor = IM_COL32(20, 184, 166, 255);
constexpr ImU32 kPartitionColor = IM_COL32(196, 181, 253, 255);

struct PodAnim {
    std::string name;
    Rect rect;
    Rgba fill, border;
    float appear = 0;
    float pulse = 0;
    float gone = 0;
    PodStage stage = PodStage::kPending;
    bool seen = false;
};

struct ViewState {
    const App* app = nullptr;
    int generation = -1;
    double last_time = -1;
    std::unordered_map<std::string, PodAnim> anims;  // by pod uid
};

ViewState& State() {
    static ViewState state;
    return state;
}

struct Hit {
    Rect rect;
    Selection::Kind kind;
    std::string name;
};

struct Fonts3 {
    ImFont* bold;
    ImFont* body;
    ImFont* small;
};

ImU32 StageColor(PodStage s) {
    switch (s) {
        case PodStage::kPending: return color::kPending;
        case PodStage::kCreating: return color::kCreating;
        case PodStage::kRunning: return color::kRunning;
        case PodStage::kReady: return color::kReady;
        case PodStage::kTerminating: return color::kTerminating;
        case PodStage::kFailed: return color::kFailed;
        case PodStage::kSucceeded: return color::kPending;
    }
    return color::kPending;
}

float EaseOutBack(float t) {
    const float c1 = 1.70158f, c3 = c1 + 1;
    const float u = t - 1;
    return 1 + c3 * u * u * u + c1 * u * u;
}

float Approach(float dt, float rate) { return 1.0f - std::exp(-dt * rate); }

void Lerp(Rect& r, const Rect& t, float k) {
    r.x += (t.x - r.x) * k;
    r.y += (t.y - r.y) * k;
    r.w += (t.w - r.w) * k;
    r.h += (t.h - r.h) * k;
}

Rect Scaled(const Rect& r, float s) {
    return Rect{r.x + r.w * (1 - s) * 0.5f, r.y + r.h * (1 - s) * 0.5f, r.w * s, r.h * s};
}

CardInstance Card(const Rect& r, float radius, Rgba fill, Rgba border) {
    CardInstance c;
    c.x = r.x;
    c.y = r.y;
    c.w = r.w;
    c.h = r.h;
    c.radius = radius;
    c.fill = fill;
    c.border = border;
    return c;
}

void Text(ImDrawList* dl, ImFont* f, float px, float x, float y, ImU32 col, const std::string& s) {
    dl->AddText(f, px, ImVec2(std::round(x), std::round(y)), col, s.c_str());
}

float TextWidth(ImFont* f, float px, const std::string& s) { return f->CalcTextSizeA(px, FLT_MAX, 0, s.c_str()).x; }

std::string ShortRevision(const std::string& rev, const std::string& set) {
    std::string r = rev;
    if (!set.empty() && r.rfind(set + "-", 0) == 0) r = r.substr(set.size() + 1);
    if (r.size() > 6) r = r.substr(0, 6);
    return r;
}

void VerticalLink(SceneFrame& sc, float x, float y0, float y1, ImU32 col, float alpha, float width, float dash, float flow) {
    LinkInstance l;
    l.x0 = x;
    l.y0 = y0;
    l.x1 = x;
    l.y1 = y1;
    l.width = width;
    l.dash = dash;
    l.flow = flow;
    l.color = ToRgba(col, alpha);
    sc.links.push_back(l);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Lanes, headers, Service

void DrawLanes(const ClusterModel& m, const ClusterLayout& L, SceneFrame& sc, ImDrawList* dl, const Fonts3& f,
               LayoutInfo& out, std::vector<Hit>& hits) {
    const float s = L.dense ? 1.0f : L.scale;
    for (const LaneLayout& lane : L.lanes) {
        const NodeInfo* node = m.FindNode(lane.node);
        const bool down = node != nullptr && !node->ready;
        CardInstance reg = Card(lane.rect, 10 * s, ToRgba(color::kPanel, 0.92f), ToRgba(color::kBorder));
        if (lane.node.empty()) {
            reg.fill = ToRgba(color::kPanel, 0.35f);
            reg.border = ToRgba(color::kBorder, 0.9f);
            reg.dashed = 1;
        } else if (lane.control_plane) {
            reg.fill = ToRgba(color::kPanel, 0.55f);
        }
        if (down) {
            reg.fill = ToRgba(IM_COL32(60, 20, 26, 255), 0.9f);
            reg.border = ToRgba(color::kTerminating, 0.7f);
            reg.dashed = 1;
        }
        sc.regions.push_back(reg);

        const float lx = lane.rect.x + 12 * s;
        const float body = 13.5f * s, small = 11.5f * s;
        // Label lines only while they fit in the lane (dense lanes can be one line high).
        const float lane_bottom = lane.rect.y + lane.rect.h;
        auto fits = [&](float y, float px) { return y + px <= lane_bottom - 2; };
        const float top = lane.rect.y + std::min(8 * s, std::max(1.0f, (lane.rect.h - 12 * s) * 0.5f));
        if (lane.node.empty()) {
            Text(dl, f.bold, 12 * s, lx, top, color::kTextMuted, "not scheduled");
            if (fits(lane.rect.y + 37 * s, 11 * s)) {
                Text(dl, f.small, 11 * s, lx, lane.rect.y + 24 * s, color::kTextFaint, "pods without a node,");
                Text(dl, f.small, 11 * s, lx, lane.rect.y + 37 * s, color::kTextFaint, "pods not created yet");
            }
            continue;
        }
        out.nodes.push_back({{}, lane.node, lane.rect});
        hits.push_back({Rect{lane.rect.x, lane.rect.y, L.label_w, lane.rect.h}, Selection::Kind::kNode, lane.node});
        if (lane.control_plane) {
            const float ty = lane.rect.y + (lane.rect.h - 12 * s) * 0.5f;
            Text(dl, f.bold, 12 * s, lx, ty, color::kTextMuted, lane.node);
            Text(dl, f.small, 11 * s, lx + TextWidth(f.bold, 12 * s, lane.node) + 10 * s, ty + 1 * s, color::kTextFaint,
                 "control plane: NoSchedule taint, so no pods of ours");
            continue;
        }
        float y = top;
        Text(dl, f.bold, body, lx, y, down ? color::kError : color::kText, lane.node);
        y += body + 3 * s;
        if (node != nullptr) {
            if (fits(y, small)) Text(dl, f.small, small, lx, y, color::kTextMuted, node->internal_ip);
            y += small + 2 * s;
            if (fits(y, small)) Text(dl, f.small, small, lx, y, color::kTextFaint, "pods " + node->pod_cidr);
            y += small + 2 * s;
            if (!fits(y, small)) y = top + 1.5f * s;  // a one-line lane: the state goes after the name
            const float sx = y == top + 1.5f * s ? lx + TextWidth(f.bold, body, lane.node) + 8 * s : lx;
            if (down) Text(dl, f.small, small, sx, y, color::kError, "NotReady: no heartbeats");
            else if (node->unschedulable) Text(dl, f.small, small, sx, y, color::kWarn, "cordoned");
        }
    }
}

void DrawHeaders(const ClusterModel& m, const ClusterLayout& L, ImDrawList* dl, const Fonts3& f) {
    if (L.dense) return;
    const float px = 11 * L.scale;
    for (const ColumnLayout& c : L.columns) {
        std::string label;
        if (!c.set.empty()) {
            const SetInfo* set = m.FindSet(c.set);
            label = "ordinal " + std::to_string(c.ordinal);
            if (set && c.ordinal >= set->start_ordinal + set->replicas) label += " (gone)";
        } else {
            label = "no StatefulSet";
        }
        const float w = TextWidth(f.small, px, label);
        // On a patch of background: the Service's links to its endpoints pass under the label.
        const float lx = c.x + (L.card_w - w) * 0.5f, ly = L.header_y + 3 * L.scale;
        dl->AddRectFilled(ImVec2(lx - 3, ly - 1), ImVec2(lx + w + 3, ly + px + 1), color::kBackground, 3);
        Text(dl, f.small, px, lx, ly, color::kTextFaint, label);
    }
}

void DrawService(const ClusterModel& m, const ClusterLayout& L, SceneFrame& sc, ImDrawList* dl, const Fonts3& f,
                 std::vector<Hit>& hits) {
    const ServiceInfo* svc = ShownService(m);
    if (svc == nullptr || L.service_bar.h <= 0) return;
    const float s = L.dense ? 1.0f : L.scale;
    const Rect r = L.service_bar;
    CardInstance bar = Card(r, 9 * s, ToRgba(kServiceColor, 0.07f), ToRgba(kServiceColor, 0.55f));
    sc.regions.push_back(bar);
    hits.push_back({r, Selection::Kind::kService, svc->name});
    const float body = 13.5f * s, small = 11.5f * s;
    float x = r.x + 12 * s;
    const float ty = r.y + (r.h - body) * 0.5f;
    const std::string title = "svc/" + svc->name;
    Text(dl, f.bold, body, x, ty, kServiceColor, title);
    x += TextWidth(f.bold, body, title) + 8 * s;
    const std::string kind = svc->headless ? "headless (clusterIP: None): DNS returns each ready pod" : "clusterIP " + svc->cluster_ip;
    Text(dl, f.small, small, x, ty + 1.5f * s, color::kTextMuted, kind);
    x += TextWidth(f.small, small, kind) + 14 * s;
    int ready = 0;
    for (const auto& e : svc->endpoints) ready += e.ready ? 1 : 0;
    if (L.dense) {
        Text(dl, f.small, small, x, ty + 1.5f * s, color::kText,
             std::to_string(ready) + " ready endpoints of " + std::to_string(svc->endpoints.size()));
        return;
    }
    const std::string label = "endpoints:";
    Text(dl, f.small, small, x, ty + 1.5f * s, color::kTextFaint, label);
    x += TextWidth(f.small, small, label) + 6 * s;
    const float chip_h = small + 6 * s;
    size_t shown = 0;
    for (const auto& e : svc->endpoints) {
        const std::string t = e.name + " " + e.ip;
        const float w = TextWidth(f.small, small, t) + 14 * s;
        if (x + w > r.x + r.w - 40 * s) break;
        const ImU32 col = e.ready ? color::kReady : color::kPending;
        dl->AddRectFilled(ImVec2(x, r.y + (r.h - chip_h) * 0.5f), ImVec2(x + w, r.y + (r.h + chip_h) * 0.5f),
                          WithAlpha(col, 0.18f), chip_h * 0.5f);
        Text(dl, f.small, small, x + 7 * s, r.y + (r.h - small) * 0.5f, Mix(col, IM_COL32_WHITE, 0.45f), t);
        x += w + 5 * s;
        ++shown;
    }
    if (svc->endpoints.empty()) {
        Text(dl, f.small, small, x, ty + 1.5f * s, color::kTextFaint, "none ready yet");
    } else if (shown < svc->endpoints.size()) {
        Text(dl, f.small, small, x, ty + 1.5f * s, color::kTextMuted, "+" + std::to_string(svc->endpoints.size() - shown));
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Pods

namespace {

struct PodDraw {
    const PodInfo* pod;
    Rect rect;
};

void DrawPodCards(App& app, const ClusterModel& m, const ClusterLayout& L, float dt, SceneFrame& sc, ImDrawList* dl,
                  const Fonts3& f, std::vector<PodDraw>& drawn) {
    ViewState& vs = State();
    const Selection& sel = app.ui().selection;
    const float s = L.scale;
    const float t = static_cast<float>(app.visual_time());
    for (auto& [uid, a] : vs.anims) a.seen = false;

    for (const PodInfo& p : m.pods) {
        int col = (!p.set.empty() && m.FindSet(p.set) != nullptr) ? L.Column(p.set, p.ordinal) : L.ColumnOfPod(p.name);
        if (col < 0) continue;
        const LaneLayout* lane = L.Lane(p.node);
        if (lane == nullptr) continue;
        const Rect target = L.Card(col, *lane);
        const ImU32 stage_col = StageColor(p.stage);
        Rgba fill_t = ToRgba(Mix(color::kPanelRaised, stage_col, 0.27f));
        Rgba border_t = ToRgba(stage_col);
        if (p.stage == PodStage::kTerminating) {
            fill_t.a = 0.7f;
            border_t.a = 0.8f;
        }
        auto [it, inserted] = vs.anims.try_emplace(p.uid);
        PodAnim& a = it->second;
        if (inserted) {
            a.rect = target;
            a.fill = ToRgba(Mix(color::kPanelRaised, color::kPending, 0.27f));
            a.border = ToRgba(color::kPending);
            a.stage = p.stage;
        }
        a.name = p.name;
        a.seen = true;
        if (a.stage != p.stage) {
            a.stage = p.stage;
            a.pulse = 1;
        }
        a.appear = std::min(1.0f, a.appear + dt / 0.45f);
        a.pulse = std::max(0.0f, a.pulse - dt * 1.4f);
        Lerp(a.rect, target, Approach(dt, 9));
        const float kc = Approach(dt, 7);
        a.fill = Mix(a.fill, fill_t, kc);
        a.border = Mix(a.border, border_t, kc);

        const float grow = 0.55f + 0.45f * EaseOutBack(a.appear);
        const float alpha = std::min(1.0f, a.appear * 1.8f);
        const Rect r = Scaled(a.rect, grow);
        CardInstance c = Card(r, 9 * s, a.fill, a.border);
        c.fill.a *= alpha;
        c.border.a *= alpha;
        c.border_width = 1.5f;
        c.stripe = p.revision.empty() ? 0 : 4 * s;
        const SetInfo* set = m.FindSet(p.set);
        if (set != nullptr) {
            c.stripe_color = ToRgba(RevisionColor(p.revision, set->current_revision, set->update_revision), alpha);
        }
        switch (p.stage) {
            case PodStage::kReady:
                c.glow = ToRgba(color::kReady, 0.30f + 0.5f * a.pulse);
                c.glow_size = 10 * s;
                break;
            case PodStage::kCreating:
                c.glow = ToRgba(color::kCreating, 0.16f + 0.12f * std::sin(t * 4.0f));
                c.glow_size = 9 * s;
                break;
            case PodStage::kRunning:
                c.glow = ToRgba(color::kRunning, 0.22f + 0.4f * a.pulse);
                c.glow_size = 9 * s;
                break;
            case PodStage::kTerminating:
                c.glow = ToRgba(color::kTerminating, 0.18f + 0.4f * a.pulse);
                c.glow_size = 8 * s;
                break;
            default:
                c.glow = ToRgba(stage_col, 0.4f * a.pulse);
                c.glow_size = 8 * s;
        }
        if (sel.Is(Selection::Kind::kPod, p.name)) {
            c.glow = ToRgba(color::kAccent, 0.85f);
            c.glow_size = 12 * s;
            c.border = ToRgba(IM_COL32(191, 219, 254, 255), alpha);
        }
        sc.cards.push_back(c);
        drawn.push_back({&p, r});

        if (a.appear < 0.25f) continue;
        const ImU32 text_a = WithAlpha(color::kText, alpha);
        dl->PushClipRect(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), true);
        const float pad = 10 * s;
        Text(dl, f.bold, 14 * s, r.x + pad, r.y + 5 * s, text_a, p.name);
        Text(dl, f.small, 12 * s, r.x + pad, r.y + 22 * s, WithAlpha(Mix(stage_col, IM_COL32_WHITE, 0.4f), alpha), p.status);
        std::string third;
        ImU32 third_col = color::kTextMuted;
        if (!p.revision.empty() && set != nullptr) {
            third = "rev " + ShortRevision(p.revision, p.set);
            third_col = Mix(RevisionColor(p.revision, set->current_revision, set->update_revision), IM_COL32_WHITE, 0.2f);
        } else if (!p.ip.empty()) {
            third = p.ip;
        } else {
            third = p.image;
        }
        Text(dl, f.small, 11 * s, r.x + pad, r.y + 37 * s, WithAlpha(third_col, alpha), third);
        if (p.restarts > 0) {
            const std::string n = std::to_string(p.restarts);
            const float cx = r.x + r.w - 13 * s, cy = r.y + 13 * s;
            dl->AddCircleFilled(ImVec2(cx, cy), 8 * s, WithAlpha(color::kTerminating, alpha));
            Text(dl, f.small, 11 * s, cx - TextWidth(f.small, 11 * s, n) * 0.5f, cy - 6 * s, IM_COL32_WHITE, n);
        }
        dl->PopClipRect();
    }

    // Pods that are gone fade out where they were.
    for (auto it = vs.anims.begin(); it != vs.anims.end();) {
        PodAnim& a = it->second;
        if (a.seen) {
            ++it;
            continue;
        }
        a.gone += dt / 0.6f;
        if (a.gone >= 1) {
            it = vs.anims.erase(it);
            continue;
        }
        const float k = 1 - a.gone;
        const Rect r = Scaled(a.rect, 0.85f + 0.15f * k);
        CardInstance c = Card(r, 9 * s, ToRgba(color::kTerminating, 0.25f * k), ToRgba(color::kTerminating, 0.7f * k));
        sc.cards.push_back(c);
        Text(dl, f.bold, 14 * s, r.x + 10 * s, r.y + 5 * s, WithAlpha(color::kText, 0.7f * k), a.name);
        ++it;
    }
}

void DrawDenseTiles(App& app, const ClusterModel& m, const ClusterLayout& L, SceneFrame& sc, std::vector<PodDraw>& drawn) {
    const Selection& sel = app.ui().selection;
    sc.cards.reserve(sc.cards.size() + m.pods.size());
    const float radius = std::max(1.0f, L.cell * 0.22f);
    for (size_t i = 0; i < m.pods.size() && i < L.tiles.size(); ++i) {
        const PodInfo& p = m.pods[i];
        const Rect& r = L.tiles[i];
        const ImU32 col = StageColor(p.stage);
        CardInstance c = Card(r, radius, ToRgba(col, 0.85f), ToRgba(col));
        c.border_width = L.cell >= 8 ? 1.0f : 0.0f;
        if (sel.Is(Selection::Kind::kPod, p.name)) {
            c.glow = ToRgba(color::kAccent, 0.9f);
            c.glow_size = 6;
            c.border = ToRgba(IM_COL32_WHITE);
        }
        sc.cards.push_back(c);
        drawn.push_back({&p, r});
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Gates, partition, storage

namespace {

float BetweenColumns(const ClusterLayout& L, int col) {
    const float gap = layout::kGap * L.scale;
    if (col <= 0) return L.columns.empty() ? 0 : L.columns.front().x - gap * 0.5f;
    if (col >= static_cast<int>(L.columns.size())) return L.columns.back().x + L.card_w + gap * 0.5f;
    return L.columns[static_cast<size_t>(col)].x - gap * 0.5f;
}

// The bottom of the last lane that can hold pods (the control plane's lane is left alone).
float LanesBottom(const ClusterLayout& L) {
    float bottom = L.header_y;
    for (const LaneLayout& lane : L.lanes)
        if (!lane.control_plane) bottom = std::max(bottom, lane.rect.y + lane.rect.h);
    return bottom;
}

void DrawGates(const ClusterModel& m, const ClusterLayout& L, SceneFrame& sc, ImDrawList* dl, const Fonts3& f,
               std::vector<Hit>& hits) {
    if (L.dense) return;
    const float s = L.scale;
    for (const SetInfo& set : m.sets) {
        // The partition line: ordinals at or above it get the update revision.
        if (set.update_strategy == "RollingUpdate" && set.partition > 0) {
            const int col = L.Column(set.name, set.partition);
            int last = -1;
            for (size_t i = 0; i < L.columns.size(); ++i)
                if (L.columns[i].set == set.name) last = static_cast<int>(i);
            const float x = col >= 0 ? BetweenColumns(L, col) : BetweenColumns(L, last + 1);
            VerticalLink(sc, x, L.header_y, LanesBottom(L), kPartitionColor, 0.85f, 2.0f, 7, 0);
            const std::string label = "partition " + std::to_string(set.partition);
            const float w = TextWidth(f.bold, 11.5f * s, label) + 12 * s;
            dl->AddRectFilled(ImVec2(x - w * 0.5f, L.header_y - 1), ImVec2(x + w * 0.5f, L.header_y + 15 * s),
                              IM_COL32(76, 29, 149, 235), 7 * s);
            Text(dl, f.bold, 11.5f * s, x - w * 0.5f + 6 * s, L.header_y + 1 * s, kPartitionColor, label);
            hits.push_back({Rect{x - w * 0.5f, L.header_y - 1, w, 16 * s}, Selection::Kind::kStatefulSet, set.name});
        }
        if (!set.gate) continue;
        const Gate& g = *set.gate;
        const int col = L.Column(set.name, g.ordinal);
        if (col < 0) continue;
        const PodInfo* waiting = m.FindPod(g.waiting);
        const int blocker_ord = OrdinalOf(g.blocker, set.name);
        const int blocker_col = L.Column(set.name, blocker_ord);
        const float x = BetweenColumns(L, blocker_col > col ? col + 1 : col);
        VerticalLink(sc, x, L.header_y + 16 * s, LanesBottom(L), color::kCreating, 0.75f, 2.0f, 5, 0);
        std::string head;
        std::string tail;
        if (g.verb == "created") {
            head = "waits for " + g.blocker;
            tail = "to be Ready";
        } else if (g.verb == "deleted") {
            head = "waits for " + g.blocker;
            tail = "to be gone";
        } else {
            head = "waits: " + g.blocker;
            tail = "is " + g.state;
        }
        const std::string gate_label = "gate";
        const float gw = TextWidth(f.bold, 11 * s, gate_label) + 12 * s;
        dl->AddRectFilled(ImVec2(x - gw * 0.5f, L.header_y + 1), ImVec2(x + gw * 0.5f, L.header_y + 16 * s),
                          IM_COL32(120, 75, 10, 240), 7 * s);
        Text(dl, f.bold, 11 * s, x - gw * 0.5f + 6 * s, L.header_y + 2.5f * s, IM_COL32(253, 230, 138, 255), gate_label);
        if (waiting == nullptr && !L.lanes.empty()) {
            // The pod the controller has not created yet: a ghost in the unscheduled lane.
            const Rect r = L.Card(col, L.lanes.front());
            CardInstance c = Card(r, 9 * s, ToRgba(color::kCreating, 0.06f), ToRgba(color::kCreating, 0.75f));
            c.dashed = 1;
            c.border_width = 1.5f;
            sc.cards.push_back(c);
            dl->PushClipRect(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), true);
            Text(dl, f.bold, 14 * s, r.x + 10 * s, r.y + 5 * s, color::kTextMuted, g.waiting);
            Text(dl, f.small, 12 * s, r.x + 10 * s, r.y + 22 * s, IM_COL32(253, 211, 77, 255), head);
            Text(dl, f.small, 11 * s, r.x + 10 * s, r.y + 37 * s, color::kTextMuted, tail);
            dl->PopClipRect();
            hits.push_back({r, Selection::Kind::kStatefulSet, set.name});
        }
    }
}

void Cylinder(SceneFrame& sc, const Rect& r, ImU32 col, float fill, bool dashed) {
    CylinderInstance c;
    c.x = r.x;
    c.y = r.y;
    c.w = r.w;
    c.h = r.h;
    c.fill = fill;
    c.dashed = dashed ? 1.0f : 0.0f;
    c.body = ToRgba(Mix(color::kPanelRaised, col, 0.55f));
    c.top = ToRgba(Mix(col, IM_COL32_WHITE, 0.25f));
    c.rim = ToRgba(col);
    sc.cylinders.push_back(c);
}

void DrawStorage(const ClusterModel& m, const ClusterLayout& L, const std::vector<PodDraw>& drawn, SceneFrame& sc,
                 ImDrawList* dl, const Fonts3& f, LayoutInfo& out, std::vector<Hit>& hits) {
    if (L.dense || !L.storage) return;
    const float s = L.scale;
    for (const ClaimInfo& c : m.claims) {
        // The column: the claim's set and ordinal, else the pod that mounts it.
        int col = c.set.empty() ? -1 : L.Column(c.set, c.ordinal);
        const PodInfo* pod = nullptr;
        const PodDraw* pd = nullptr;
        for (const PodDraw& d : drawn) {
            if (std::find(d.pod->claims.begin(), d.pod->claims.end(), c.name) != d.pod->claims.end()) {
                pod = d.pod;
                pd = &d;
                if (col < 0) col = L.ColumnOfPod(pod->name);
            }
        }
        if (col < 0) continue;
        const std::string& node = pod != nullptr && !pod->node.empty() ? pod->node : c.node;
        const LaneLayout* lane = L.Lane(node);
        if (lane == nullptr) continue;
        Rect card = pd != nullptr ? pd->rect : L.Card(col, *lane);
        if (pod == nullptr) {
            // A claim kept after scale-down: a ghost where its pod was, ready to be mounted again.
            CardInstance g = Card(card, 9 * s, ToRgba(color::kPending, 0.05f), ToRgba(color::kPending, 0.6f));
            g.dashed = 1;
            sc.cards.push_back(g);
            const std::string pod_name = c.set + "-" + std::to_string(c.ordinal);
            Text(dl, f.bold, 14 * s, card.x + 10 * s, card.y + 5 * s, color::kTextFaint, pod_name);
            Text(dl, f.small, 12 * s, card.x + 10 * s, card.y + 22 * s, color::kTextMuted, "no pod: claim kept");
            Text(dl, f.small, 11 * s, card.x + 10 * s, card.y + 37 * s, color::kTextFaint, "re-mounted on scale-up");
        }
        const Rect cr = L.ClaimAt(card);
        const bool bound = c.phase == "Bound";
        const ImU32 ccol = c.phase == "Terminating" ? color::kTerminating : bound ? kClaimColor : color::kPending;
        Cylinder(sc, cr, ccol, bound ? 1.0f : 0.0f, !bound);
        if (pod != nullptr) {
            // The pod mounts the claim: a solid link from the card.
            LinkInstance l;
            if (L.storage_beside) {
                l.x0 = card.x + card.w;
                l.x1 = cr.x + 1;
                l.y0 = l.y1 = cr.y + cr.h * 0.6f;
            } else {
                l.x0 = l.x1 = cr.x + cr.w * 0.5f;
                l.y0 = card.y + card.h;
                l.y1 = cr.y + 4 * s;
            }
            l.width = 2;
            l.color = ToRgba(ccol, 0.8f);
            sc.links.push_back(l);
        }
        const float label_px = 9.5f * s;
        Text(dl, f.small, label_px, cr.x + cr.w * 0.5f - TextWidth(f.small, label_px, "PVC") * 0.5f,
             cr.y + cr.h * 0.58f - label_px * 0.5f, IM_COL32(237, 233, 254, 235), "PVC");
        out.pvcs.push_back({c.ns, c.name, cr});
        hits.push_back({cr, Selection::Kind::kPvc, c.name});
        if (!c.volume.empty()) {
            const VolumeInfo* v = m.FindVolume(c.volume);
            const Rect vr = L.VolumeAt(card);
            const bool vbound = v != nullptr && v->phase == "Bound";
            const ImU32 vcol = vbound ? kVolumeColor : color::kPending;
            Cylinder(sc, vr, vcol, 1.0f, !vbound);
            // Claim to volume: solid while bound, dashed when released or lost.
            LinkInstance l;
            if (L.storage_beside) {
                l.x0 = l.x1 = cr.x + cr.w * 0.5f;
                l.y0 = cr.y + cr.h - 2 * s;
                l.y1 = vr.y + 3 * s;
            } else {
                l.x0 = cr.x + cr.w;
                l.y0 = l.y1 = vr.y + vr.h * 0.6f;
                l.x1 = vr.x;
            }
            l.width = 2;
            l.dash = vbound ? 0 : 4;
            l.color = ToRgba(vcol, 0.85f);
            sc.links.push_back(l);
            Text(dl, f.small, label_px, vr.x + vr.w * 0.5f - TextWidth(f.small, label_px, "PV") * 0.5f,
                 vr.y + vr.h * 0.58f - label_px * 0.5f, IM_COL32(204, 251, 241, 235), "PV");
            hits.push_back({vr, Selection::Kind::kPv, c.volume});
        }
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Interaction and legend

void PodTooltip(const ClusterModel& m, const PodInfo& p) {
    ImGui::BeginTooltip();
    Heading(p.name.c_str());
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Mix(StageColor(p.stage), IM_COL32_WHITE, 0.3f)), "%s",
                       PodStageName(p.stage));
    ImGui::Text("STATUS %s   READY %s   RESTARTS %d", p.status.c_str(), p.ready ? "1/1" : "0/1", p.restarts);
    if (!p.node.empty()) ImGui::Text("node %s   IP %s", p.node.c_str(), p.ip.empty() ? "-" : p.ip.c_str());
    else ImGui::TextDisabled("not scheduled yet");
    if (!p.revision.empty()) ImGui::Text("controller-revision-hash %s", p.revision.c_str());
    if (!p.set.empty()) {
        if (const SetInfo* s = m.FindSet(p.set); s && s->Updating()) {
            ImGui::TextDisabled(p.revision == s->update_revision ? "on the update revision" : "on the old revision");
        }
    }
    for (const auto& c : p.claims) ImGui::Text("claim %s", c.c_str());
    ImGui::TextDisabled("click: inspect   right-click: faults");
    ImGui::EndTooltip();
}

void PodMenu(App& app, const std::string& pod) {
    ImGui::TextDisabled("pod/%s", pod.c_str());
    ImGui::Separator();
    if (ImGui::MenuItem("Inspect")) SelectPod(app, pod);
    if (ImGui::MenuItem("Delete pod", "kubectl delete pod")) RunFromButton(app, "kubectl delete pod " + pod);
    if (app.HasSimCommand("readiness")) {
        if (ImGui::MenuItem("Fail readiness probe")) RunFromButton(app, "sim readiness pod/" + pod + " fail");
        if (ImGui::MenuItem("Pass readiness probe")) RunFromButton(app, "sim readiness pod/" + pod + " pass");
    }
    if (app.HasSimCommand("crash") && ImGui::MenuItem("Crash container")) RunFromButton(app, "sim crash pod/" + pod);
    if (app.HasSimCommand("evict") && ImGui::MenuItem("Evict")) RunFromButton(app, "sim evict pod/" + pod);
}

void NodeMenu(App& app, const ClusterModel& m, const std::string& node) {
    ImGui::TextDisabled("node/%s", node.c_str());
    ImGui::Separator();
    const NodeInfo* n = m.FindNode(node);
    if (app.HasSimCommand("node")) {
        if (n == nullptr || n->ready) {
            if (ImGui::MenuItem("Stop the node (no heartbeats)")) RunFromButton(app, "sim node " + node + " down");
        } else if (ImGui::MenuItem("Start the node again")) {
            RunFromButton(app, "sim node " + node + " up");
        }
    } else {
        ImGui::TextDisabled("node faults are not in this engine yet");
    }
    if (ImGui::MenuItem("kubectl describe node")) RunFromButton(app, "kubectl describe node " + node);
}

void DrawLegend(const ClusterModel& m, const Rect& area, ImDrawList* dl, const Fonts3& f) {
    struct Item {
        ImU32 col;
        const char* label;
    };
    const Item items[] = {{color::kPending, "Pending"},
                          {color::kCreating, "ContainerCreating"},
                          {color::kRunning, "Running, not Ready"},
                          {color::kReady, "Ready"},
                          {color::kTerminating, "Terminating"}};
    const float px = 11.5f;
    float x = area.x + 16;
    const float y = area.y + area.h - 20;
    for (const Item& it : items) {
        dl->AddRectFilled(ImVec2(x, y + 2), ImVec2(x + 10, y + 12), it.col, 3);
        x += 15;
        Text(dl, f.small, px, x, y, color::kTextMuted, it.label);
        x += TextWidth(f.small, px, it.label) + 14;
    }
    for (const SetInfo& s : m.sets) {
        if (!s.Updating()) continue;
        const std::string a = "old rev " + ShortRevision(s.current_revision, s.name);
        const std::string b = "update rev " + ShortRevision(s.update_revision, s.name);
        x += 6;
        dl->AddRectFilled(ImVec2(x, y + 5), ImVec2(x + 14, y + 9), RevisionColor(s.current_revision, s.current_revision, s.update_revision), 2);
        x += 18;
        Text(dl, f.small, px, x, y, color::kTextMuted, a);
        x += TextWidth(f.small, px, a) + 12;
        dl->AddRectFilled(ImVec2(x, y + 5), ImVec2(x + 14, y + 9), RevisionColor(s.update_revision, s.current_revision, s.update_revision), 2);
        x += 18;
        Text(dl, f.small, px, x, y, color::kTextMuted, b);
        break;
    }
}

}  // namespace

void DrawClusterPanel(App& app, PanelContext& ctx) {
    ViewState& vs = State();
    if (vs.app != &app || vs.generation != app.generation()) {
        vs = ViewState{};
        vs.app = &app;
        vs.generation = app.generation();
    }
    const double now_v = app.visual_time();
    const float dt = vs.last_time < 0 ? 0.0f : std::clamp(static_cast<float>(now_v - vs.last_time), 0.0f, 0.1f);
    vs.last_time = now_v;

    const ClusterModel& m = ctx.model;
    SceneFrame& sc = ctx.scene;
    const Rect area = ctx.area;
    sc.clip_x = area.x;
    sc.clip_y = area.y;
    sc.clip_w = area.w;
    sc.clip_h = area.h;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Fonts3 f{FontOr(GetFonts().bold), FontOr(GetFonts().body), FontOr(GetFonts().small)};
    LayoutInfo& out = app.ui().layout;

    const float banner_h = DrawBanner(app, m, area);
    const Rect lanes_area{area.x, area.y, area.w, area.h - 22};
    const ClusterLayout L = ComputeLayout(m, lanes_area, banner_h);

    std::vector<Hit> hits;
    std::vector<PodDraw> drawn;
    DrawLanes(m, L, sc, dl, f, out, hits);
    DrawHeaders(m, L, dl, f);
    DrawService(m, L, sc, dl, f, hits);
    if (L.dense) DrawDenseTiles(app, m, L, sc, drawn);
    else DrawPodCards(app, m, L, dt, sc, dl, f, drawn);
    DrawGates(m, L, sc, dl, f, hits);
    DrawStorage(m, L, drawn, sc, dl, f, out, hits);

    // Endpoint links: from the Service down to each ready endpoint's card.
    if (const ServiceInfo* svc = ShownService(m); svc != nullptr && !L.dense && L.service_bar.h > 0) {
        for (const auto& e : svc->endpoints) {
            if (!e.ready) continue;
            for (const PodDraw& d : drawn) {
                if (d.pod->name != e.name && d.pod->ip != e.ip) continue;
                VerticalLink(sc, d.rect.x + d.rect.w * 0.5f, L.service_bar.y + L.service_bar.h, d.rect.y, kServiceColor,
                             0.45f, 1.5f, 6, 18);
                break;
            }
        }
    }
    out.pods.reserve(drawn.size());
    for (const PodDraw& d : drawn) out.pods.push_back({d.pod->ns, d.pod->name, d.rect});

    if (m.sets.empty() && m.pods.empty()) {
        const char* title = "No StatefulSet yet";
        const float tw = TextWidth(f.bold, 18, title);
        Text(dl, f.bold, 18, area.x + (area.w - tw) * 0.5f, area.y + area.h * 0.55f, color::kTextMuted, title);
        const char* hint = "Apply one from the Manifest tab, or type kubectl apply -f nginx-statefulset.yaml";
        const float hw = TextWidth(f.small, 12.5f, hint);
        Text(dl, f.small, 12.5f, area.x + (area.w - hw) * 0.5f, area.y + area.h * 0.55f + 28, color::kTextFaint, hint);
    }
    if (L.dense) {
        const std::string note = std::to_string(m.pods.size()) + " pods: one tile each (hover for details)";
        Text(dl, f.small, 11.5f, area.x + area.w - TextWidth(f.small, 11.5f, note) - 16, area.y + area.h - 20,
             color::kTextFaint, note);
    }
    DrawLegend(m, area, dl, f);

    // Hover and clicks (raw mouse tests: the view is one surface, not a stack of widgets).
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool hovered_window = ImGui::IsWindowHovered() && !ImGui::IsAnyItemHovered();
    static std::string menu_pod, menu_node;
    if (hovered_window) {
        const PodInfo* hp = nullptr;
        for (auto it = drawn.rbegin(); it != drawn.rend(); ++it)
            if (it->rect.Contains(mouse.x, mouse.y)) {
                hp = it->pod;
                break;
            }
        const Hit* hit = nullptr;
        if (hp == nullptr)
            for (const Hit& h : hits)
                if (h.rect.Contains(mouse.x, mouse.y)) hit = &h;
        if (hp != nullptr) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            PodTooltip(m, *hp);
            if (ImGui::IsMouseClicked(0)) SelectPod(app, hp->name);
            if (ImGui::IsMouseClicked(1)) {
                menu_pod = hp->name;
                ImGui::OpenPopup("##pod_menu");
            }
        } else if (hit != nullptr) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            if (ImGui::IsMouseClicked(0)) {
                app.ui().selection = Selection{hit->kind, hit->kind == Selection::Kind::kNode || hit->kind == Selection::Kind::kPv ? "" : "default", hit->name};
                app.ui().side_tab = (hit->kind == Selection::Kind::kPvc || hit->kind == Selection::Kind::kPv)
                                        ? SideTab::kStorage
                                        : SideTab::kInspector;
                app.ui().side_tab_request = true;
            }
            if (hit->kind == Selection::Kind::kNode && ImGui::IsMouseClicked(1)) {
                menu_node = hit->name;
                ImGui::OpenPopup("##node_menu");
            }
            if (hit->kind == Selection::Kind::kPvc) {
                if (const ClaimInfo* c = m.FindClaim(hit->name)) {
                    ImGui::SetTooltip("PVC %s\n%s%s%s\nstorage class %s, %s", c->name.c_str(), c->phase.c_str(),
                                      c->volume.empty() ? "" : " to PV ", c->volume.c_str(), c->storage_class.c_str(),
                                      c->capacity.c_str());
                }
            } else if (hit->kind == Selection::Kind::kPv) {
                if (const VolumeInfo* v = m.FindVolume(hit->name)) {
                    ImGui::SetTooltip("PV %s\n%s, claim %s\nnode %s, reclaim %s", v->name.c_str(), v->phase.c_str(),
                                      v->claim.c_str(), v->node.c_str(), v->reclaim.c_str());
                }
            } else if (hit->kind == Selection::Kind::kNode) {
                ImGui::SetTooltip("node %s\nclick: inspect   right-click: faults", hit->name.c_str());
            } else if (hit->kind == Selection::Kind::kStatefulSet) {
                if (const SetInfo* s = m.FindSet(hit->name)) {
                    std::string why;
                    for (const auto& r : s->reasons) why += r + "\n";
                    ImGui::SetTooltip("statefulset/%s (the controller's own reasons, as `sim why` prints them)\n%s",
                                      s->name.c_str(), why.empty() ? "nothing is waiting" : why.c_str());
                }
            }
        }
    }
    if (ImGui::BeginPopup("##pod_menu")) {
        PodMenu(app, menu_pod);
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopup("##node_menu")) {
        NodeMenu(app, m, menu_node);
        ImGui::EndPopup();
    }
}

}  // namespace sts::ui
