// Draws the toolbar icons (an anchor in a shield-blue disc) as PNGs with no dependencies.
// Run once; the PNGs are committed: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// coverage of the shape at a point in unit coordinates (-1..1), supersampled below
function inside(u, v) {
  const r = Math.hypot(u, v);
  if (r > 0.96) return 0; // outside the disc
  const white = 2;
  const ring = Math.hypot(u, v + 0.52);
  if (ring < 0.17 && ring > 0.08) return white; // shackle ring
  if (Math.abs(u) < 0.06 && v > -0.38 && v < 0.62) return white; // shank
  if (Math.abs(v + 0.22) < 0.05 && Math.abs(u) < 0.3) return white; // stock
  const arc = Math.hypot(u, v - 0.1);
  if (v > 0.18 && arc > 0.5 && arc < 0.62) return white; // arms
  if (Math.hypot(u - 0.53, v - 0.28) < 0.1 || Math.hypot(u + 0.53, v - 0.28) < 0.1) return white; // flukes
  return 1;
}

for (const size of [16, 32, 48, 128]) {
  const S = 4;
  const buf = png(size, (x, y) => {
    let disc = 0, white = 0;
    for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) {
      const u = ((x + (i + 0.5) / S) / size) * 2 - 1;
      const v = ((y + (j + 0.5) / S) / size) * 2 - 1;
      const k = inside(u, v);
      if (k >= 1) disc++;
      if (k === 2) white++;
    }
    const n = S * S;
    const a = disc / n, w = disc ? white / disc : 0;
    const mix = (c1, c2) => Math.round(c1 * (1 - w) + c2 * w);
    return [mix(0x1a, 255), mix(0x4d, 255), mix(0x8f, 255), Math.round(a * 255)];
  });
  writeFileSync(new URL(`../src/icons/icon-${size}.png`, import.meta.url), buf);
}
