#version 300 es
// A cylinder seen from slightly above: body with side shading, a lighter top ellipse, a rim;
// "fill" is how much of the body is solid (a bound claim is full, a pending one hollow).
precision highp float;

in vec2 v_local;
flat in vec2 v_size;
flat in vec2 v_params;
flat in vec4 v_body;
flat in vec4 v_top;
flat in vec4 v_rim;

uniform float u_dpr;

out vec4 o_color;

// Approximate signed distance to an ellipse (good near the outline).
float Ellipse(vec2 p, vec2 r) {
    float k = length(p / r);
    return (k - 1.0) * min(r.x, r.y);
}

float Box(vec2 p, vec2 b) {
    vec2 q = abs(p) - b;
    return length(max(q, 0.0)) + min(max(q.x, q.y), 0.0);
}

vec4 Over(vec4 dst, vec4 src) { return src + dst * (1.0 - src.a); }

void main() {
    float aa = 0.75 / u_dpr;
    float w = v_size.x, h = v_size.y;
    float rx = w * 0.5;
    float ry = min(h * 0.18, w * 0.22);
    vec2 c_top = vec2(rx, ry);
    vec2 c_bottom = vec2(rx, h - ry);
    float d_top = Ellipse(v_local - c_top, vec2(rx, ry));
    float d_bottom = Ellipse(v_local - c_bottom, vec2(rx, ry));
    float d_side = Box(v_local - vec2(rx, h * 0.5), vec2(rx, h * 0.5 - ry));
    float d_shape = min(min(d_top, d_bottom), d_side);
    float inside = 1.0 - smoothstep(-aa, aa, d_shape);

    // Body: shaded left to right, solid below the fill level, a faint tint above it.
    float x = v_local.x / w;
    float shade = 0.72 + 0.38 * cos((x - 0.38) * 3.1416);
    float level = ry + (1.0 - clamp(v_params.x, 0.0, 1.0)) * (h - 2.0 * ry);
    float solid = smoothstep(level - aa, level + aa, v_local.y);
    vec4 body = vec4(v_body.rgb * shade, v_body.a);
    vec4 hollow = vec4(v_body.rgb * 0.35, v_body.a * 0.25);
    vec4 b = mix(hollow, body, solid);
    vec4 color = vec4(b.rgb * b.a, b.a) * inside;

    // Top ellipse: lighter when full.
    float top_in = 1.0 - smoothstep(-aa, aa, d_top);
    vec4 top = v_params.x >= 0.999 ? v_top : vec4(v_body.rgb * 0.5, v_body.a * 0.45);
    color = mix(color, vec4(top.rgb * top.a, top.a), top_in);

    // Rim: the silhouette and the top ellipse's edge; dashed while not bound.
    float rim_w = 1.2;
    float rim = inside * smoothstep(-rim_w - aa, -rim_w + aa, d_shape);
    rim = max(rim, (1.0 - smoothstep(rim_w * 0.5 - aa, rim_w * 0.5 + aa, abs(d_top))));
    if (v_params.y > 0.5) {
        float t = (v_local.x + v_local.y) / 6.0;
        rim *= smoothstep(0.3, 0.4, fract(t)) * (1.0 - smoothstep(0.8, 0.9, fract(t)));
    }
    vec4 r = vec4(v_rim.rgb * v_rim.a, v_rim.a) * rim;
    o_color = Over(color, r);
}
