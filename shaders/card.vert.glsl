#version 300 es
// Instanced cards (pods, node regions, the Service bar): one unit quad per instance, grown by
// the glow so the fragment shader can draw the soft light around the card.
precision highp float;

layout(location = 0) in vec2 a_corner;   // unit quad corner, 0..1
layout(location = 1) in vec4 i_rect;     // x, y, w, h in CSS px
layout(location = 2) in vec4 i_params;   // corner radius, border width, glow size, stripe height
layout(location = 3) in float i_dashed;  // 1: dashed border
layout(location = 4) in vec4 i_fill;
layout(location = 5) in vec4 i_border;
layout(location = 6) in vec4 i_glow;
layout(location = 7) in vec4 i_stripe;

uniform vec2 u_viewport;  // CSS px

out vec2 v_local;  // px from the card's centre
flat out vec2 v_half;
flat out vec4 v_params;
flat out float v_dashed;
flat out vec4 v_fill;
flat out vec4 v_border;
flat out vec4 v_glow;
flat out vec4 v_stripe;

void main() {
    vec2 half_size = i_rect.zw * 0.5;
    float pad = i_params.z + 2.0;
    vec2 local = (a_corner * 2.0 - 1.0) * (half_size + pad);
    vec2 pos = i_rect.xy + half_size + local;
    gl_Position = vec4(pos.x / u_viewport.x * 2.0 - 1.0, 1.0 - pos.y / u_viewport.y * 2.0, 0.0, 1.0);
    v_local = local;
    v_half = half_size;
    v_params = i_params;
    v_dashed = i_dashed;
    v_fill = i_fill;
    v_border = i_border;
    v_glow = i_glow;
    v_stripe = i_stripe;
}
