#version 300 es
// Instanced line segments (Service-to-endpoint links, gates, the partition line, PVC-PV links):
// a quad along the segment, a pixel wider than the line for antialiasing.
precision highp float;

layout(location = 0) in vec2 a_corner;  // 0..1: x along, y across
layout(location = 1) in vec4 i_seg;     // x0, y0, x1, y1 in CSS px
layout(location = 2) in vec3 i_params;  // width, dash length (0: solid), flow speed (px/s)
layout(location = 3) in vec4 i_color;

uniform vec2 u_viewport;

out float v_along;
out float v_across;
flat out float v_length;
flat out vec3 v_params;
flat out vec4 v_color;

void main() {
    vec2 p0 = i_seg.xy;
    vec2 p1 = i_seg.zw;
    vec2 delta = p1 - p0;
    float len = length(delta);
    vec2 dir = len > 0.0001 ? delta / len : vec2(1.0, 0.0);
    vec2 normal = vec2(-dir.y, dir.x);
    float half_width = i_params.x * 0.5 + 1.0;
    float along = a_corner.x * (len + 2.0) - 1.0;
    float across = (a_corner.y * 2.0 - 1.0) * half_width;
    vec2 pos = p0 + dir * along + normal * across;
    gl_Position = vec4(pos.x / u_viewport.x * 2.0 - 1.0, 1.0 - pos.y / u_viewport.y * 2.0, 0.0, 1.0);
    v_along = along;
    v_across = across;
    v_length = len;
    v_params = i_params;
    v_color = i_color;
}
