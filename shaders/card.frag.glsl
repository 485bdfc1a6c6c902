#version 300 es
// Rounded card from a signed distance: fill, bottom stripe (revision colour), border (solid or
// dashed) and an exponential glow outside. Output is premultiplied alpha.
precision highp float;

in vec2 v_local;
flat in vec2 v_half;
flat in vec4 v_params;
flat in float v_dashed;
flat in vec4 v_fill;
flat in vec4 v_border;
flat in vec4 v_glow;
flat in vec4 v_stripe;

uniform float u_dpr;

out vec4 o_color;

float RoundRect(vec2 p, vec2 b, float r) {
    vec2 q = abs(p) - b + r;
    return length(max(q, 0.0)) + min(max(q.x, q.y), 0.0) - r;
}

vec4 Premul(vec4 c) { return vec4(c.rgb * c.a, c.a); }

void main() {
    float radius = min(v_params.x, min(v_half.x, v_half.y));
    float d = RoundRect(v_local, v_half, radius);
    float aa = 0.75 / u_dpr;
    float inside = 1.0 - smoothstep(-aa, aa, d);

    vec4 body = v_fill;
    float stripe = v_params.w;
    if (stripe > 0.0) {
        float s = smoothstep(v_half.y - stripe - aa, v_half.y - stripe + aa, v_local.y);
        body = mix(body, v_stripe, s);
    }
    vec4 color = Premul(body) * inside;

    float bw = v_params.y;
    if (bw > 0.0) {
        float band = inside * smoothstep(-bw - aa, -bw + aa, d);
        if (v_dashed > 0.5) {
            // Dashes along the outline: a pattern on the diagonal reads as dashes on both edges.
            float t = (v_local.x + v_local.y) / 7.0;
            band *= smoothstep(0.35, 0.45, fract(t)) * (1.0 - smoothstep(0.85, 0.95, fract(t)));
        }
        color = mix(color, Premul(v_border), band);
    }

    float glow = v_params.z;
    if (glow > 0.0 && v_glow.a > 0.0) {
        float outside = max(d, 0.0);
        float g = exp(-outside / (glow * 0.38)) * (1.0 - smoothstep(glow * 0.7, glow, outside));
        g *= (1.0 - inside) * v_glow.a;
        color += vec4(v_glow.rgb, 1.0) * g * (1.0 - color.a);
    }
    o_color = color;
}
