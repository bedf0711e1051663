/**
 * Typical feed shaders for the pipeline benchmark, written for it: a palette plasma, fbm clouds and
 * a small ray-marched scene. `variant` changes one constant, so every submission is new code (a new
 * code hash, hence a new render job) while the cost stays the same.
 */
const PLASMA = (v: number) => `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
  float t = iTime * 0.5 + ${v.toFixed(3)};
  float v = sin(uv.x * 3.0 + t) + sin(uv.y * 4.0 - t) + sin(length(uv) * 6.0 + t * 1.3);
  vec3 col = 0.5 + 0.5 * cos(6.2831 * (vec3(0.0, 0.33, 0.67) + v * 0.25 + t * 0.1));
  fragColor = vec4(col, 1.0);
}
`;

const CLOUDS = (
  v: number,
) => `float hash(vec2 p) { p = fract(p * vec2(234.34, 435.345)); p += dot(p, p + 34.23); return fract(p.x * p.y); }
float noise(vec2 p) {
  vec2 i = floor(p), f = fract(p), u = f * f * (3.0 - 2.0 * f);
  return mix(mix(hash(i), hash(i + vec2(1, 0)), u.x), mix(hash(i + vec2(0, 1)), hash(i + vec2(1, 1)), u.x), u.y);
}
float fbm(vec2 p) {
  float s = 0.0, a = 0.5;
  for (int i = 0; i < 6; i++) { s += a * noise(p); p = mat2(1.6, 1.2, -1.2, 1.6) * p; a *= 0.5; }
  return s;
}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.y;
  float c = fbm(uv * 3.0 + vec2(iTime * 0.1 + ${v.toFixed(3)}, 0.0) + fbm(uv * 2.0));
  vec3 sky = mix(vec3(0.2, 0.4, 0.8), vec3(1.0), smoothstep(0.3, 0.8, c));
  fragColor = vec4(sky, 1.0);
}
`;

const SPHERES = (v: number) => `float map(vec3 p) {
  vec3 q = p; q.xz = mod(q.xz + 2.0, 4.0) - 2.0;
  return min(length(q - vec3(0.0, 1.0 + 0.3 * sin(iTime + ${v.toFixed(3)}), 0.0)) - 1.0, p.y + 0.2);
}
vec3 normalAt(vec3 p) {
  vec2 e = vec2(0.001, 0.0);
  return normalize(vec3(map(p + e.xyy) - map(p - e.xyy), map(p + e.yxy) - map(p - e.yxy), map(p + e.yyx) - map(p - e.yyx)));
}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
  vec3 ro = vec3(0.0, 1.5, -5.0), rd = normalize(vec3(uv, 1.5));
  float t = 0.0;
  for (int i = 0; i < 64; i++) { float d = map(ro + rd * t); if (d < 0.001 || t > 40.0) break; t += d; }
  vec3 col = vec3(0.6, 0.7, 0.9) - rd.y * 0.3;
  if (t < 40.0) {
    vec3 n = normalAt(ro + rd * t);
    col = vec3(0.9, 0.5, 0.3) * (0.2 + 0.8 * max(dot(n, normalize(vec3(0.6, 0.8, -0.4))), 0.0));
  }
  fragColor = vec4(pow(col, vec3(0.4545)), 1.0);
}
`;

export const TYPICAL_SHADERS = [
  { name: 'plasma', code: PLASMA },
  { name: 'fbm clouds', code: CLOUDS },
  { name: 'ray-marched spheres', code: SPHERES },
] as const;

/** The i-th submission: the shaders in turn, each a new variant. */
export function typicalShader(i: number): { name: string; code: string } {
  const shader = TYPICAL_SHADERS[i % TYPICAL_SHADERS.length]!;
  return { name: shader.name, code: shader.code(1 + i * 0.001) };
}
