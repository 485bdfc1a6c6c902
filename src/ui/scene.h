// The cluster view's geometry as instance lists (node regions, pod cards, links, PVC cylinders),
// handed each frame to a SceneRenderer: WebGL2 in the browser (src/platform/web/gl_renderer.cpp,
// one instanced draw call per list), or the null renderer natively. Coordinates are CSS pixels
// with the origin at the top left of the page, the same space ImGui uses; ImGui draws the text
// and overlays on top of the scene.
#pragma once

#include <cstddef>
#include <vector>

namespace sts::ui {

// Straight (non-premultiplied) colour, components in 0..1.
struct Rgba {
    float r = 0, g = 0, b = 0, a = 0;
};

// A rounded rectangle with an optional soft outer glow and a coloured bottom stripe.
struct CardInstance {
    float x = 0, y = 0, w = 0, h = 0;  // top-left and size
    float radius = 8;
    float border_width = 1;
    float glow_size = 0;   // px of glow outside the card
    float stripe = 0;      // height in px of the bottom stripe (0: none)
    float dashed = 0;      // 1: dashed border (a ghost: a pod that is not there yet or any more)
    Rgba fill;
    Rgba border;
    Rgba glow;             // glow colour; alpha is its strength
    Rgba stripe_color;
};

// A straight segment; dash > 0 draws dashes of that length moving at `flow` px/s.
struct LinkInstance {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    float width = 1.5f;
    float dash = 0;
    float flow = 0;
    Rgba color;
};

// A storage cylinder (PVC or PV) seen slightly from above: body, lighter top ellipse, rim.
struct CylinderInstance {
    float x = 0, y = 0, w = 0, h = 0;  // bounding box, top ellipse included
    float fill = 1;   // 0..1: how much of the body is "filled" (bound); the rest is hollow
    float dashed = 0; // 1: dashed outline (pending or released)
    Rgba body;
    Rgba top;
    Rgba rim;
};

struct SceneFrame {
    // Where the scene may draw (the cluster view), CSS px; everything outside is clipped.
    float clip_x = 0, clip_y = 0, clip_w = 0, clip_h = 0;
    // Visual clock in seconds (wall time of the page, for dash flow and pulses only).
    float time = 0;
    std::vector<CardInstance> regions;  // drawn first: node regions and lanes
    std::vector<LinkInstance> links;    // then links
    std::vector<CylinderInstance> cylinders;
    std::vector<CardInstance> cards;    // then cards (pods, gates, the Service)

    void Clear() {
        regions.clear();
        links.clear();
        cylinders.clear();
        cards.clear();
    }
    size_t InstanceCount() const { return regions.size() + links.size() + cylinders.size() + cards.size(); }
};

class SceneRenderer {
public:
    virtual ~SceneRenderer() = default;
    // Takes the frame to draw under this frame's ImGui output. Called once per frame (with an
    // empty frame when the cluster view is hidden).
    virtual void Submit(const SceneFrame& frame) = 0;
};

// Counts what it is given and draws nothing: the native build and the UI tests.
class NullRenderer final : public SceneRenderer {
public:
    void Submit(const SceneFrame& frame) override {
        ++frames;
        last_instances = frame.InstanceCount();
        last_cards = frame.cards.size();
        last_cylinders = frame.cylinders.size();
        last_links = frame.links.size();
    }
    int frames = 0;
    size_t last_instances = 0;
    size_t last_cards = 0;
    size_t last_cylinders = 0;
    size_t last_links = 0;
};

}  // namespace sts::ui
