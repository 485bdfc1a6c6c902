#version 300 es
// Antialiased line with optional flowing dashes. Premultiplied alpha out.
precision highp float;

in float v_along;
in float v_across;
flat in float v_length;
flat in vec3 v_params;
flat in vec4 v_color;

uniform float u_time;
uniform float u_dpr;

out vec4 o_color;

void main() {
    float aa = 0.75 / u_dpr;
    float half_width = v_params.x * 0.5;
    float cover = 1.0 - smoothstep(half_width - aa, half_width + aa, abs(v_across));
    cover *= smoothstep(-aa, aa, v_along) * (1.0 - smoothstep(v_length - aa, v_length + aa, v_along));
    float dash = v_params.y;
    if (dash > 0.0) {
        float t = fract((v_along - u_time * v_params.z) / (dash * 2.0));
        cover *= smoothstep(0.0, 0.08, t) * (1.0 - smoothstep(0.5, 0.58, t));
    }
    float a = v_color.a * cover;
    o_color = vec4(v_color.rgb * a, a);
}
