/**
 * The benchmark's standard mix, from cheap to heavy. Written for this benchmark; each is a plain
 * Shadertoy Image pass, so the naive baseline and the renderer draw exactly the same code.
 */
export interface MixShader {
  name: string;
  code: string;
}

const GRADIENT = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  fragColor = vec4(uv, 0.5 + 0.5 * sin(iTime), 1.0);
}
`;

const FBM = `float hash(vec2 p) {
  p = fract(p * vec2(123.34, 456.21));
  p += dot(p, p + 45.32);
  return fract(p.x * p.y);
}
float noise(vec2 p) {
  vec2 i = floor(p), f = fract(p);
  vec2 u = f * f * (3.0 - 2.0 * f);
  return mix(mix(hash(i), hash(i + vec2(1, 0)), u.x), mix(hash(i + vec2(0, 1)), hash(i + vec2(1, 1)), u.x), u.y);
}
float fbm(vec2 p) {
  float v = 0.0, a = 0.5;
  mat2 r = mat2(0.8, -0.6, 0.6, 0.8);
  for (int i = 0; i < 7; i++) { v += a * noise(p); p = r * p * 2.03 + 1.7; a *= 0.5; }
  return v;
}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.y * 3.0;
  vec2 q = vec2(fbm(uv + 0.1 * iTime), fbm(uv + vec2(5.2, 1.3)));
  vec2 r = vec2(fbm(uv + 4.0 * q + vec2(1.7, 9.2) + 0.15 * iTime), fbm(uv + 4.0 * q + vec2(8.3, 2.8)));
  float f = fbm(uv + 4.0 * r);
  vec3 col = mix(vec3(0.1, 0.3, 0.5), vec3(0.9, 0.6, 0.3), clamp(f * f * 2.0, 0.0, 1.0));
  col = mix(col, vec3(0.05, 0.0, 0.15), clamp(length(q), 0.0, 1.0) * 0.5);
  fragColor = vec4(col * (f * 1.4 + 0.2), 1.0);
}
`;

const RAYMARCHER = `float sdScene(vec3 p) {
  float ground = p.y + 1.0;
  vec3 q = p;
  q.xz = mod(q.xz + 2.0, 4.0) - 2.0;
  float ball = length(q - vec3(0.0, 0.2 * sin(iTime + p.x), 0.0)) - 1.0;
  float box = length(max(abs(q - vec3(0.0, -0.6, 0.0)) - vec3(1.4, 0.1, 1.4), 0.0)) - 0.05;
  return min(ground, min(ball, box));
}
vec3 normalAt(vec3 p) {
  vec2 e = vec2(0.001, 0.0);
  return normalize(vec3(sdScene(p + e.xyy) - sdScene(p - e.xyy), sdScene(p + e.yxy) - sdScene(p - e.yxy),
                        sdScene(p + e.yyx) - sdScene(p - e.yyx)));
}
float softShadow(vec3 ro, vec3 rd) {
  float res = 1.0, t = 0.02;
  for (int i = 0; i < 32; i++) {
    float h = sdScene(ro + rd * t);
    res = min(res, 8.0 * h / t);
    t += clamp(h, 0.02, 0.5);
    if (h < 0.001 || t > 20.0) break;
  }
  return clamp(res, 0.0, 1.0);
}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
  vec3 ro = vec3(3.0 * sin(0.3 * iTime), 1.5, -6.0 + iTime * 0.5);
  vec3 fw = normalize(vec3(0.0, -0.2, 1.0));
  vec3 rt = normalize(cross(vec3(0, 1, 0), fw));
  vec3 rd = normalize(uv.x * rt + uv.y * cross(fw, rt) + 1.6 * fw);
  float t = 0.0;
  for (int i = 0; i < 128; i++) {
    float d = sdScene(ro + rd * t);
    if (d < 0.001 || t > 40.0) break;
    t += d;
  }
  vec3 col = vec3(0.6, 0.7, 0.9) - rd.y * 0.4;
  if (t < 40.0) {
    vec3 p = ro + rd * t;
    vec3 n = normalAt(p);
    vec3 light = normalize(vec3(0.6, 0.8, -0.4));
    float diffuse = max(dot(n, light), 0.0) * softShadow(p + n * 0.01, light);
    col = vec3(0.8, 0.55, 0.35) * (0.15 + 0.85 * diffuse);
    col = mix(col, vec3(0.6, 0.7, 0.9), 1.0 - exp(-0.004 * t * t));
  }
  fragColor = vec4(pow(col, vec3(0.4545)), 1.0);
}
`;

const FRACTAL = `// Mandelbulb (power 8), sphere-traced, 2x2 supersampled.
float mandelbulb(vec3 p, out float trap) {
  vec3 z = p;
  float dr = 1.0, r = 0.0;
  trap = 1e10;
  for (int i = 0; i < 10; i++) {
    r = length(z);
    if (r > 2.0) break;
    float theta = acos(z.z / r) * 8.0;
    float phi = atan(z.y, z.x) * 8.0;
    dr = pow(r, 7.0) * 8.0 * dr + 1.0;
    z = pow(r, 8.0) * vec3(sin(theta) * cos(phi), sin(phi) * sin(theta), cos(theta)) + p;
    trap = min(trap, dot(z, z));
  }
  return 0.5 * log(r) * r / dr;
}
vec3 shade(vec2 fragCoord) {
  vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
  float a = 0.2 * iTime;
  vec3 ro = vec3(2.6 * sin(a), 0.8, -2.6 * cos(a));
  vec3 fw = normalize(-ro);
  vec3 rt = normalize(cross(vec3(0, 1, 0), fw));
  vec3 rd = normalize(uv.x * rt + uv.y * cross(fw, rt) + 1.8 * fw);
  float t = 0.0, trap = 0.0;
  int steps = 0;
  for (int i = 0; i < 160; i++) {
    float d = mandelbulb(ro + rd * t, trap);
    steps = i;
    if (d < 0.0005 * t || t > 6.0) break;
    t += d;
  }
  if (t > 6.0) return vec3(0.05, 0.05, 0.1) + 0.1 * uv.y;
  float glow = 1.0 - float(steps) / 160.0;
  return (0.5 + 0.5 * cos(vec3(0.0, 0.6, 1.2) + 3.0 * sqrt(trap))) * glow;
}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec3 col = vec3(0.0);
  for (int j = 0; j < 2; j++)
    for (int i = 0; i < 2; i++) col += shade(fragCoord + (vec2(i, j) - 0.5) * 0.5);
  fragColor = vec4(sqrt(col / 4.0), 1.0);
}
`;

export const SHADER_MIX: readonly MixShader[] = [
  { name: 'gradient', code: GRADIENT },
  { name: 'fbm noise', code: FBM },
  { name: 'raymarcher', code: RAYMARCHER },
  { name: 'heavy fractal', code: FRACTAL },
];

/** Loops forever on a uniform the compiler cannot know (iMouse.z is 0 in these renders). */
export const ENDLESS_LOOP = `void mainImage(out vec4 c, in vec2 p) {
  float x = 0.0;
  for (float i = 0.0; i < 1.0; i += iMouse.z) { x += sin(i + x); }
  c = vec4(x);
}
`;
