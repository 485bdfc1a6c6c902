#version 300 es
// Instanced storage cylinders (PVCs and PVs), drawn analytically in the fragment shader.
precision highp float;

layout(location = 0) in vec2 a_corner;
layout(location = 1) in vec4 i_rect;    // x, y, w, h in CSS px (top ellipse included)
layout(location = 2) in vec2 i_params;  // fill level 0..1, dashed outline
layout(location = 3) in vec4 i_body;
layout(location = 4) in vec4 i_top;
layout(location = 5) in vec4 i_rim;

uniform vec2 u_viewport;

out vec2 v_local;  // px from the box's top-left corner
flat out vec2 v_size;
flat out vec2 v_params;
flat out vec4 v_body;
flat out vec4 v_top;
flat out vec4 v_rim;

void main() {
    vec2 pad = vec2(2.0);
    vec2 local = a_corner * (i_rect.zw + 2.0 * pad) - pad;
    vec2 pos = i_rect.xy + local;
    gl_Position = vec4(pos.x / u_viewport.x * 2.0 - 1.0, 1.0 - pos.y / u_viewport.y * 2.0, 0.0, 1.0);
    v_local = local;
    v_size = i_rect.zw;
    v_params = i_params;
    v_body = i_body;
    v_top = i_top;
    v_rim = i_rim;
}
