import { dct2d } from './dct.ts';

/** Fixed by the schema: `vector(64)` on shaders.visual_embedding. */
export const VISUAL_DIM = 64;

/** An RGB image as decoded by sharp: `width × height × 3` bytes, row-major. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A square greyscale image, values 0–1, row-major. */
export interface LumaImage {
  size: number;
  data: Float64Array;
}

const HUE_BINS = 12;
const VALUE_BINS = 4;
const LAYOUT_GRID = 4;
const COLOUR_GRID = 2;
const EDGE_MAGNITUDE_EDGES = [0.02, 0.08, 0.2] as const;
const ORIENTATION_BINS = 8;
/** Radial DCT bands (by frequency radius), roughly log-spaced; the DC term is left out. */
const RADIAL_BAND_EDGES = [1, 2, 3, 5, 8, 12, 18, 26, Infinity] as const;
const ANGULAR_SECTORS = 4;

/**
 * How much each group counts in the final cosine. Each group is first centred and scaled to unit
 * length (see `standardise`), so these are the groups' shares of the squared norm.
 */
export const GROUP_WEIGHTS = { colour: 0.3, layout: 0.3, edges: 0.2, frequency: 0.2 } as const;

const luminance = (r: number, g: number, b: number) => (0.299 * r + 0.587 * g + 0.114 * b) / 255;

/**
 * Colour (16 numbers): a 12-bin hue histogram in which each pixel counts by its chroma
 * (saturation × value, so greys and black add nothing), then a 4-bin histogram of value
 * (brightness) over all pixels. Both are fractions of the pixel count.
 */
export function colourFeatures(image: RgbImage): number[] {
  const hue = new Array<number>(HUE_BINS).fill(0);
  const value = new Array<number>(VALUE_BINS).fill(0);
  const pixels = image.width * image.height;
  for (let i = 0; i < pixels; i++) {
    const r = image.data[3 * i]! / 255;
    const g = image.data[3 * i + 1]! / 255;
    const b = image.data[3 * i + 2]! / 255;
    const max = Math.max(r, g, b);
    const chroma = max - Math.min(r, g, b);
    value[Math.min(VALUE_BINS - 1, Math.floor(max * VALUE_BINS))]! += 1 / pixels;
    if (chroma <= 0) continue;
    let h: number;
    if (max === r) h = ((g - b) / chroma + 6) % 6;
    else if (max === g) h = (b - r) / chroma + 2;
    else h = (r - g) / chroma + 4;
    // Soft binning: split each pixel between its two nearest hue bins, so a slight hue shift
    // moves mass gradually instead of jumping bins.
    const pos = (h / 6) * HUE_BINS - 0.5;
    const lo = Math.floor(pos);
    const frac = pos - lo;
    hue[(lo + HUE_BINS) % HUE_BINS]! += ((1 - frac) * chroma) / pixels;
    hue[(lo + 1) % HUE_BINS]! += (frac * chroma) / pixels;
  }
  return [...hue, ...value];
}

/**
 * Layout (24 numbers): mean luminance of a 4×4 grid of cells (where the light is), then the mean
 * opponent colours red–green and yellow–blue of a 2×2 grid (where which colour is).
 */
export function layoutFeatures(image: RgbImage): number[] {
  const luma = new Array<number>(LAYOUT_GRID * LAYOUT_GRID).fill(0);
  const lumaCount = new Array<number>(LAYOUT_GRID * LAYOUT_GRID).fill(0);
  const opponent = new Array<number>(COLOUR_GRID * COLOUR_GRID * 2).fill(0);
  const opponentCount = new Array<number>(COLOUR_GRID * COLOUR_GRID).fill(0);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = 3 * (y * image.width + x);
      const r = image.data[i]!;
      const g = image.data[i + 1]!;
      const b = image.data[i + 2]!;
      const cell =
        Math.floor((y * LAYOUT_GRID) / image.height) * LAYOUT_GRID +
        Math.floor((x * LAYOUT_GRID) / image.width);
      luma[cell]! += luminance(r, g, b);
      lumaCount[cell]! += 1;
      const colourCell =
        Math.floor((y * COLOUR_GRID) / image.height) * COLOUR_GRID +
        Math.floor((x * COLOUR_GRID) / image.width);
      opponent[2 * colourCell]! += (r - g) / 255;
      opponent[2 * colourCell + 1]! += ((r + g) / 2 - b) / 255;
      opponentCount[colourCell]! += 1;
    }
  }
  return [
    ...luma.map((s, c) => s / Math.max(1, lumaCount[c]!)),
    ...opponent.map((s, k) => s / Math.max(1, opponentCount[k >> 1]!)),
  ];
}

/**
 * Edges (12 numbers): Sobel gradient of luminance; the share of pixels in 4 magnitude bins (flat,
 * soft, clear, hard edges), then an 8-bin histogram of edge orientation (modulo 180°) weighted by
 * magnitude, as fractions of the total magnitude.
 */
export function edgeFeatures(image: RgbImage): number[] {
  const { width, height, data } = image;
  const luma = new Float64Array(width * height);
  for (let i = 0; i < width * height; i++)
    luma[i] = luminance(data[3 * i]!, data[3 * i + 1]!, data[3 * i + 2]!);
  const magnitudes = new Array<number>(EDGE_MAGNITUDE_EDGES.length + 1).fill(0);
  const orientation = new Array<number>(ORIENTATION_BINS).fill(0);
  let total = 0;
  const at = (x: number, y: number) =>
    luma[Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))]!;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx =
        (at(x + 1, y - 1) +
          2 * at(x + 1, y) +
          at(x + 1, y + 1) -
          at(x - 1, y - 1) -
          2 * at(x - 1, y) -
          at(x - 1, y + 1)) /
        4;
      const gy =
        (at(x - 1, y + 1) +
          2 * at(x, y + 1) +
          at(x + 1, y + 1) -
          at(x - 1, y - 1) -
          2 * at(x, y - 1) -
          at(x + 1, y - 1)) /
        4;
      const m = Math.hypot(gx, gy);
      let bin = 0;
      while (bin < EDGE_MAGNITUDE_EDGES.length && m >= EDGE_MAGNITUDE_EDGES[bin]!) bin += 1;
      magnitudes[bin]! += 1 / (width * height);
      if (m <= 0) continue;
      const angle = (Math.atan2(gy, gx) + Math.PI) % Math.PI;
      // Bins centred on 0°, 22.5°, …, so a horizontal or vertical gradient is not split across a bin edge.
      orientation[Math.round((angle / Math.PI) * ORIENTATION_BINS) % ORIENTATION_BINS]! += m;
      total += m;
    }
  }
  return [...magnitudes, ...orientation.map((o) => (total > 0 ? o / total : 0))];
}

/**
 * Frequency (12 numbers): the 32×32 luminance image's DCT; the log share of AC energy in 8 radial
 * bands (coarse blobs → fine texture), then the share in 4 angular sectors (horizontal-ish to
 * vertical-ish structure).
 */
export function frequencyFeatures(luma: LumaImage): number[] {
  const n = luma.size;
  const coefficients = dct2d(luma.data, n);
  const radial = new Array<number>(RADIAL_BAND_EDGES.length - 1).fill(0);
  const angular = new Array<number>(ANGULAR_SECTORS).fill(0);
  let total = 0;
  for (let v = 0; v < n; v++) {
    for (let u = 0; u < n; u++) {
      if (u === 0 && v === 0) continue;
      const energy = coefficients[v * n + u]! ** 2;
      const radius = Math.hypot(u, v);
      let band = 0;
      while (radius >= RADIAL_BAND_EDGES[band + 1]!) band += 1;
      radial[band]! += energy;
      const sector = Math.min(
        ANGULAR_SECTORS - 1,
        Math.floor((Math.atan2(v, u) / (Math.PI / 2)) * ANGULAR_SECTORS),
      );
      angular[sector]! += energy;
      total += energy;
    }
  }
  const share = (e: number) => (total > 0 ? e / total : 0);
  return [...radial.map((e) => Math.log10(share(e) + 1e-4)), ...angular.map(share)];
}

/**
 * Centres a group on its own mean and scales it to unit length, so that cosine similarity compares
 * the shape of the group (which hues, where the light is) rather than the fact that every entry is
 * positive, and so that no group outweighs another by its units. A nearly constant group (a flat
 * grey image has no edges to orient) stays nearly zero instead of having its noise blown up.
 */
export function standardise(group: readonly number[], floor: number): number[] {
  const mean = group.reduce((s, x) => s + x, 0) / group.length;
  const centred = group.map((x) => x - mean);
  const norm = Math.sqrt(centred.reduce((s, x) => s + x * x, 0));
  return centred.map((x) => x / Math.max(norm, floor));
}

/**
 * The 64-number visual embedding: colour (16), layout (24), edges (12), frequency (12), each
 * standardised, weighted by GROUP_WEIGHTS, concatenated and L2-normalised.
 */
export function visualEmbedding(image: RgbImage, luma: LumaImage): number[] {
  const groups: [number[], number, number][] = [
    // [features, weight, floor]: floors sit well below what a real image's group measures.
    [colourFeatures(image), GROUP_WEIGHTS.colour, 0.02],
    [layoutFeatures(image), GROUP_WEIGHTS.layout, 0.02],
    [edgeFeatures(image), GROUP_WEIGHTS.edges, 0.02],
    [frequencyFeatures(luma), GROUP_WEIGHTS.frequency, 0.05],
  ];
  const v = groups.flatMap(([g, weight, floor]) => standardise(g, floor).map((x) => x * Math.sqrt(weight)));
  if (v.length !== VISUAL_DIM)
    throw new Error(`visual embedding has ${v.length} numbers, expected ${VISUAL_DIM}`);
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  // A perfectly flat image has no shape at all; give it a fixed direction rather than zeros.
  return norm > 0 ? v.map((x) => x / norm) : v.map((_, i) => (i === 0 ? 1 : 0));
}
