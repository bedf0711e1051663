import sharp from 'sharp';

export const WIDTH = 640;
export const HEIGHT = 360;

type Pixel = (x: number, y: number) => [number, number, number];

/** Renders a pixel function (0–1 channels) at thumbnail size and encodes it as the renderer does: WebP. */
export async function webp(pixel: Pixel, width = WIDTH, height = HEIGHT): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const rgb = pixel(x / width, y / height);
      for (let c = 0; c < 3; c++)
        raw[3 * (y * width + x) + c] = Math.round(255 * Math.min(1, Math.max(0, rgb[c]!)));
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .webp({ quality: 80 })
    .toBuffer();
}

/**
 * A shader-like picture: a diagonal blue-to-orange gradient, a soft glow and a wavy bright band.
 * `shift` moves it (in image widths), `warm` tints it.
 */
export function glowGradient(shift = 0, warm = 0): Pixel {
  return (u, v) => {
    const x = u - shift;
    const t = 0.5 * x + 0.5 * v;
    const glow = Math.exp(-((x - 0.35) ** 2 + (v - 0.4) ** 2) / 0.02);
    const band = Math.exp(-(((v - 0.7 - 0.06 * Math.sin(x * 12)) / 0.04) ** 2));
    return [
      0.1 + 0.8 * t + 0.6 * glow + 0.3 * band + warm,
      0.15 + 0.4 * t + 0.5 * glow + 0.6 * band + warm / 2,
      0.6 - 0.4 * t + 0.3 * glow + 0.2 * band,
    ];
  };
}

/** Black and white squares, `cells` across. */
export function checkerboard(cells = 16): Pixel {
  return (u, v) => {
    const on = (Math.floor(u * cells) + Math.floor((v * cells * HEIGHT) / WIDTH)) % 2;
    return [on, on, on];
  };
}

/** A different picture of the same kind: green-to-purple rings around the lower right. */
export function greenRings(): Pixel {
  return (u, v) => {
    const r = Math.hypot(u - 0.8, (v - 0.8) * 0.56);
    const ring = 0.5 + 0.5 * Math.cos(r * 40);
    return [0.4 * ring + 0.3 * v, 0.7 * (1 - v) * ring, 0.5 * v + 0.2];
  };
}

/** Stripes of `period` image widths (vertical) or heights (horizontal). */
export function stripes(direction: 'vertical' | 'horizontal', period = 0.05): Pixel {
  return (u, v) => {
    const on = Math.sin(((direction === 'vertical' ? u : v) / period) * 2 * Math.PI) > 0 ? 0.9 : 0.1;
    return [on, on, on];
  };
}
