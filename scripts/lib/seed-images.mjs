// Seed images: one simple illustration per leaf category (an icon on a tinted
// background and the category's name), drawn from raw pixels at twice the
// largest width and averaged down, so edges come out anti-aliased; encoded as
// WebP by photon, the library the upload pipeline uses.

import { PhotonImage } from '@cf-wasm/photon/node';

export const SEED_IMAGE_WIDTHS = [160, 320, 640];
export const SEED_IMAGE_FORMAT = 'webp';
const SIZE = 640; // design space and largest stored width (square images)
const SS = 2; // supersampling factor

// Classic 5×7 font, one byte per column, bit 0 at the top.
const FONT = {
  ' ': [0, 0, 0, 0, 0],
  '&': [0x36, 0x49, 0x55, 0x22, 0x50],
  "'": [0, 0, 0x07, 0, 0],
  ',': [0, 0x50, 0x30, 0, 0],
  '-': [8, 8, 8, 8, 8],
  '.': [0, 0x60, 0x60, 0, 0],
  0: [0x3e, 0x51, 0x49, 0x45, 0x3e],
  1: [0, 0x42, 0x7f, 0x40, 0],
  2: [0x42, 0x61, 0x51, 0x49, 0x46],
  3: [0x21, 0x41, 0x45, 0x4b, 0x31],
  4: [0x18, 0x14, 0x12, 0x7f, 0x10],
  5: [0x27, 0x45, 0x45, 0x45, 0x39],
  6: [0x3c, 0x4a, 0x49, 0x49, 0x30],
  7: [0x01, 0x71, 0x09, 0x05, 0x03],
  8: [0x36, 0x49, 0x49, 0x49, 0x36],
  9: [0x06, 0x49, 0x49, 0x29, 0x1e],
  A: [0x7e, 0x11, 0x11, 0x11, 0x7e],
  B: [0x7f, 0x49, 0x49, 0x49, 0x36],
  C: [0x3e, 0x41, 0x41, 0x41, 0x22],
  D: [0x7f, 0x41, 0x41, 0x22, 0x1c],
  E: [0x7f, 0x49, 0x49, 0x49, 0x41],
  F: [0x7f, 0x09, 0x09, 0x09, 0x01],
  G: [0x3e, 0x41, 0x49, 0x49, 0x7a],
  H: [0x7f, 0x08, 0x08, 0x08, 0x7f],
  I: [0, 0x41, 0x7f, 0x41, 0],
  J: [0x20, 0x40, 0x41, 0x3f, 0x01],
  K: [0x7f, 0x08, 0x14, 0x22, 0x41],
  L: [0x7f, 0x40, 0x40, 0x40, 0x40],
  M: [0x7f, 0x02, 0x0c, 0x02, 0x7f],
  N: [0x7f, 0x04, 0x08, 0x10, 0x7f],
  O: [0x3e, 0x41, 0x41, 0x41, 0x3e],
  P: [0x7f, 0x09, 0x09, 0x09, 0x06],
  Q: [0x3e, 0x41, 0x51, 0x21, 0x5e],
  R: [0x7f, 0x09, 0x19, 0x29, 0x46],
  S: [0x46, 0x49, 0x49, 0x49, 0x31],
  T: [0x01, 0x01, 0x7f, 0x01, 0x01],
  U: [0x3f, 0x40, 0x40, 0x40, 0x3f],
  V: [0x1f, 0x20, 0x40, 0x20, 0x1f],
  W: [0x3f, 0x40, 0x38, 0x40, 0x3f],
  X: [0x63, 0x14, 0x08, 0x14, 0x63],
  Y: [0x07, 0x08, 0x70, 0x08, 0x07],
  Z: [0x61, 0x51, 0x49, 0x45, 0x43],
};

function hsl(h, s, l) {
  s /= 100;
  l /= 100;
  const k = (n) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [Math.round(255 * f(0)), Math.round(255 * f(8)), Math.round(255 * f(4))];
}

/** A raw RGBA canvas with a few filled primitives, in 640×640 design coordinates. */
class Canvas {
  constructor() {
    this.w = SIZE * SS;
    this.px = new Uint8Array(this.w * this.w * 4);
  }
  gradient(top, bottom) {
    const { w, px } = this;
    for (let y = 0; y < w; y++) {
      const t = y / (w - 1);
      const r = top[0] + (bottom[0] - top[0]) * t;
      const g = top[1] + (bottom[1] - top[1]) * t;
      const b = top[2] + (bottom[2] - top[2]) * t;
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 4;
        px[i] = r;
        px[i + 1] = g;
        px[i + 2] = b;
        px[i + 3] = 255;
      }
    }
  }
  /** Fills every pixel of the box [x0,x1)×[y0,y1) (design units) whose centre satisfies `inside`. */
  fill(x0, y0, x1, y1, colour, inside) {
    const { w, px } = this;
    const X0 = Math.max(0, Math.floor(x0 * SS));
    const Y0 = Math.max(0, Math.floor(y0 * SS));
    const X1 = Math.min(w, Math.ceil(x1 * SS));
    const Y1 = Math.min(w, Math.ceil(y1 * SS));
    for (let Y = Y0; Y < Y1; Y++) {
      const y = (Y + 0.5) / SS;
      for (let X = X0; X < X1; X++) {
        const x = (X + 0.5) / SS;
        if (!inside(x, y)) continue;
        const i = (Y * w + X) * 4;
        px[i] = colour[0];
        px[i + 1] = colour[1];
        px[i + 2] = colour[2];
      }
    }
  }
  rect(x, y, w, h, r, colour) {
    this.fill(x, y, x + w, y + h, colour, (px, py) => {
      const dx = Math.max(x + r - px, 0, px - (x + w - r));
      const dy = Math.max(y + r - py, 0, py - (y + h - r));
      return dx * dx + dy * dy <= r * r;
    });
  }
  circle(cx, cy, r, colour) {
    this.fill(cx - r, cy - r, cx + r, cy + r, colour, (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r);
  }
  ring(cx, cy, r1, r2, colour, yMax = Infinity) {
    this.fill(cx - r1, cy - r1, cx + r1, Math.min(cy + r1, yMax), colour, (x, y) => {
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      return d <= r1 * r1 && d >= r2 * r2;
    });
  }
  ellipse(cx, cy, rx, ry, colour, yMax = Infinity) {
    this.fill(
      cx - rx,
      cy - ry,
      cx + rx,
      Math.min(cy + ry, yMax),
      colour,
      (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1,
    );
  }
  poly(points, colour) {
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    this.fill(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys), colour, (x, y) => {
      let inside = false;
      for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
        const [xi, yi] = points[i];
        const [xj, yj] = points[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    });
  }
  line(x1, y1, x2, y2, thickness, colour) {
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len = Math.hypot(dx, dy) || 1;
    const nx = (-dy / len) * (thickness / 2);
    const ny = (dx / len) * (thickness / 2);
    this.poly(
      [
        [x1 + nx, y1 + ny],
        [x2 + nx, y2 + ny],
        [x2 - nx, y2 - ny],
        [x1 - nx, y1 - ny],
      ],
      colour,
    );
    this.circle(x1, y1, thickness / 2, colour);
    this.circle(x2, y2, thickness / 2, colour);
  }
  text(s, cy, colour) {
    const chars = [
      ...s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toUpperCase(),
    ].filter((c) => FONT[c]);
    const scale = Math.max(1, Math.min(7, Math.floor((SIZE * 0.88) / (chars.length * 6))));
    let x = (SIZE - (chars.length * 6 - 1) * scale) / 2;
    const y0 = cy - (7 * scale) / 2;
    for (const c of chars) {
      FONT[c].forEach((col, cx) => {
        for (let bit = 0; bit < 7; bit++) {
          if (col & (1 << bit)) this.rect(x + cx * scale, y0 + bit * scale, scale, scale, 0, colour);
        }
      });
      x += 6 * scale;
    }
  }
}

/** Draws one leaf category's icon; `c` holds the palette. */
const ICONS = {
  phone: (k, c) => {
    k.rect(220, 60, 200, 380, 30, c.dark);
    k.rect(236, 100, 168, 290, 8, c.main);
    k.circle(320, 415, 13, c.light);
  },
  tablet: (k, c) => {
    k.rect(140, 70, 360, 380, 30, c.dark);
    k.rect(162, 95, 316, 315, 8, c.main);
    k.circle(320, 430, 10, c.light);
  },
  plug: (k, c) => {
    k.rect(275, 110, 22, 80, 4, c.dark);
    k.rect(343, 110, 22, 80, 4, c.dark);
    k.rect(240, 180, 160, 170, 26, c.main);
    k.line(320, 350, 320, 410, 16, c.dark);
    k.line(320, 410, 450, 440, 16, c.dark);
  },
  battery: (k, c) => {
    k.rect(275, 70, 90, 40, 10, c.dark);
    k.rect(200, 100, 240, 350, 34, c.main);
    for (let i = 0; i < 3; i++) k.rect(235, 330 - i * 80, 170, 56, 10, c.light);
  },
  laptop: (k, c) => {
    k.rect(170, 100, 300, 220, 14, c.dark);
    k.rect(186, 116, 268, 186, 4, c.main);
    k.poly(
      [
        [120, 330],
        [520, 330],
        [565, 395],
        [75, 395],
      ],
      c.dark,
    );
    k.rect(280, 350, 80, 14, 7, c.light);
  },
  screen: (k, c) => {
    k.rect(90, 90, 460, 280, 12, c.dark);
    k.rect(106, 106, 428, 248, 4, c.main);
    k.rect(300, 370, 40, 45, 0, c.dark);
    k.rect(220, 410, 200, 20, 10, c.dark);
  },
  printer: (k, c) => {
    k.rect(220, 80, 200, 140, 4, c.white);
    k.rect(140, 190, 360, 160, 22, c.main);
    k.rect(185, 300, 270, 18, 9, c.dark);
    k.rect(220, 318, 200, 120, 4, c.white);
    k.circle(450, 235, 12, c.light);
  },
  box: (k, c) => {
    k.poly(
      [
        [160, 170],
        [480, 170],
        [440, 110],
        [200, 110],
      ],
      c.dark,
    );
    k.rect(160, 170, 320, 260, 10, c.main);
    k.rect(300, 170, 40, 260, 0, c.light);
  },
  headphones: (k, c) => {
    k.ring(320, 270, 160, 130, c.dark, 290);
    k.rect(140, 250, 70, 150, 28, c.main);
    k.rect(430, 250, 70, 150, 28, c.main);
  },
  camera: (k, c) => {
    k.rect(180, 120, 110, 50, 12, c.dark);
    k.rect(120, 150, 400, 250, 32, c.dark);
    k.circle(320, 275, 100, c.main);
    k.circle(320, 275, 62, c.dark);
    k.circle(320, 275, 30, c.light);
    k.circle(460, 195, 14, c.light);
  },
  sun: (k, c) => {
    for (let i = 0; i < 12; i++) {
      const a = (i * Math.PI) / 6;
      k.line(320 + 120 * Math.cos(a), 250 + 120 * Math.sin(a), 320 + 175 * Math.cos(a), 250 + 175 * Math.sin(a), 20, c.accent);
    }
    k.circle(320, 250, 95, c.accent);
    k.circle(320, 250, 70, c.light);
  },
  gamepad: (k, c) => {
    k.rect(120, 170, 400, 200, 100, c.main);
    k.rect(185, 255, 84, 26, 6, c.dark);
    k.rect(214, 226, 26, 84, 6, c.dark);
    k.circle(425, 235, 17, c.light);
    k.circle(460, 270, 17, c.accent);
    k.circle(390, 270, 17, c.accent);
    k.circle(425, 305, 17, c.light);
  },
  dress: (k, c) => {
    k.line(285, 90, 275, 45, 10, c.dark);
    k.line(355, 90, 365, 45, 10, c.dark);
    k.poly(
      [
        [270, 85],
        [370, 85],
        [392, 205],
        [248, 205],
      ],
      c.main,
    );
    k.poly(
      [
        [248, 205],
        [392, 205],
        [490, 450],
        [150, 450],
      ],
      c.main,
    );
    k.rect(244, 196, 152, 18, 9, c.dark);
    for (let y = 250; y < 440; y += 50) {
      const half = 72 + ((y - 205) * 98) / 245 - 18;
      for (let x = 320 - half + ((y / 50) % 2) * 22; x <= 320 + half; x += 44) k.circle(x, y, 11, c.accent);
    }
  },
  shirt: (k, c) => {
    k.poly(
      [
        [215, 85],
        [270, 75],
        [320, 110],
        [370, 75],
        [425, 85],
        [525, 170],
        [470, 235],
        [430, 205],
        [430, 450],
        [210, 450],
        [210, 205],
        [170, 235],
        [115, 170],
      ],
      c.main,
    );
    k.poly(
      [
        [270, 75],
        [320, 140],
        [370, 75],
        [350, 75],
        [320, 110],
        [290, 75],
      ],
      c.dark,
    );
    for (let y = 170; y < 430; y += 60) k.circle(320, y, 8, c.light);
  },
  shoe: (k, c) => {
    k.poly(
      [
        [120, 300],
        [145, 190],
        [230, 190],
        [310, 265],
        [470, 295],
        [525, 335],
        [525, 380],
        [120, 380],
      ],
      c.main,
    );
    k.rect(110, 372, 425, 34, 14, c.dark);
    for (let i = 0; i < 4; i++) k.line(215 + i * 25, 215 + i * 18, 255 + i * 25, 200 + i * 18, 8, c.light);
  },
  bag: (k, c) => {
    k.ring(320, 205, 115, 92, c.dark, 205);
    k.rect(140, 190, 360, 260, 32, c.main);
    k.rect(140, 190, 360, 60, 20, c.dark);
    k.rect(295, 235, 50, 40, 8, c.light);
  },
  ring: (k, c) => {
    k.ring(320, 310, 125, 98, c.accent);
    k.poly(
      [
        [320, 110],
        [375, 160],
        [320, 215],
        [265, 160],
      ],
      c.light,
    );
    k.poly(
      [
        [320, 110],
        [375, 160],
        [320, 160],
      ],
      c.white,
    );
  },
  cloth: (k, c) => {
    k.rect(130, 80, 380, 370, 10, c.main);
    for (let y = 120; y < 440; y += 80) k.rect(130, y, 380, 18, 0, c.accent);
    for (let y = 160; y < 440; y += 80)
      for (let x = 170; x < 500; x += 70)
        k.poly(
          [
            [x, y - 18],
            [x + 18, y],
            [x, y + 18],
            [x - 18, y],
          ],
          c.light,
        );
  },
  jar: (k, c) => {
    k.rect(190, 130, 260, 70, 16, c.dark);
    k.rect(200, 190, 240, 260, 44, c.main);
    k.rect(222, 265, 196, 105, 8, c.light);
  },
  bottle: (k, c) => {
    k.rect(275, 70, 90, 55, 8, c.dark);
    k.rect(288, 115, 64, 100, 10, c.main);
    k.rect(220, 190, 200, 265, 44, c.main);
    k.rect(240, 280, 160, 105, 6, c.light);
  },
  lipstick: (k, c) => {
    k.poly(
      [
        [275, 180],
        [365, 180],
        [365, 100],
        [275, 145],
      ],
      c.accent,
    );
    k.rect(262, 175, 116, 95, 6, c.light);
    k.rect(248, 260, 144, 195, 12, c.dark);
  },
  perfume: (k, c) => {
    k.rect(268, 80, 104, 75, 14, c.accent);
    k.rect(295, 150, 50, 60, 0, c.dark);
    k.rect(185, 200, 270, 250, 44, c.main);
    k.rect(218, 232, 204, 186, 30, c.light);
  },
  pot: (k, c) => {
    k.ellipse(320, 210, 175, 55, c.light, 210);
    k.circle(320, 150, 20, c.dark);
    k.rect(100, 240, 70, 26, 13, c.dark);
    k.rect(470, 240, 70, 26, 13, c.dark);
    k.rect(145, 205, 350, 210, 44, c.main);
  },
  blender: (k, c) => {
    k.rect(215, 60, 210, 34, 10, c.dark);
    k.poly(
      [
        [230, 90],
        [410, 90],
        [390, 300],
        [250, 300],
      ],
      c.light,
    );
    k.poly(
      [
        [280, 250],
        [360, 250],
        [330, 230],
        [310, 230],
      ],
      c.dark,
    );
    k.rect(215, 295, 210, 150, 22, c.main);
    k.circle(320, 370, 28, c.light);
  },
  fridge: (k, c) => {
    k.rect(195, 50, 250, 410, 22, c.main);
    k.rect(195, 195, 250, 10, 0, c.dark);
    k.rect(400, 95, 16, 70, 8, c.dark);
    k.rect(400, 235, 16, 130, 8, c.dark);
  },
  chair: (k, c) => {
    k.rect(130, 150, 380, 160, 42, c.main);
    k.rect(110, 280, 420, 110, 32, c.dark);
    k.rect(85, 225, 75, 180, 32, c.main);
    k.rect(480, 225, 75, 180, 32, c.main);
    k.rect(130, 400, 22, 45, 4, c.dark);
    k.rect(488, 400, 22, 45, 4, c.dark);
  },
  bed: (k, c) => {
    k.rect(90, 130, 64, 310, 22, c.dark);
    k.rect(140, 270, 420, 95, 20, c.light);
    k.rect(265, 255, 295, 120, 20, c.main);
    k.rect(165, 225, 105, 55, 22, c.white);
    k.rect(150, 360, 20, 70, 4, c.dark);
    k.rect(530, 360, 20, 70, 4, c.dark);
  },
  lamp: (k, c) => {
    k.poly(
      [
        [230, 90],
        [410, 90],
        [475, 265],
        [165, 265],
      ],
      c.main,
    );
    k.rect(308, 265, 24, 150, 0, c.dark);
    k.rect(225, 405, 190, 34, 16, c.dark);
  },
  sack: (k, c) => {
    k.poly(
      [
        [215, 125],
        [425, 125],
        [455, 65],
        [185, 65],
      ],
      c.main,
    );
    k.rect(225, 110, 190, 34, 16, c.dark);
    k.poly(
      [
        [200, 140],
        [440, 140],
        [485, 450],
        [155, 450],
      ],
      c.main,
    );
    k.rect(235, 255, 170, 110, 8, c.light);
  },
  can: (k, c) => {
    k.rect(215, 90, 210, 360, 34, c.main);
    k.rect(215, 90, 210, 36, 18, c.light);
    k.rect(215, 215, 210, 120, 0, c.light);
    k.rect(215, 240, 210, 70, 0, c.accent);
  },
  spray: (k, c) => {
    k.poly(
      [
        [360, 115],
        [430, 140],
        [420, 165],
        [360, 150],
      ],
      c.dark,
    );
    k.rect(275, 100, 90, 60, 10, c.dark);
    k.rect(255, 155, 130, 70, 14, c.main);
    k.rect(225, 200, 190, 255, 34, c.main);
    k.rect(245, 290, 150, 95, 6, c.light);
  },
  diaper: (k, c) => {
    k.poly(
      [
        [140, 150],
        [500, 150],
        [465, 265],
        [400, 430],
        [240, 430],
        [175, 265],
      ],
      c.light,
    );
    k.rect(140, 150, 360, 44, 14, c.main);
    k.rect(100, 160, 62, 56, 12, c.accent);
    k.rect(478, 160, 62, 56, 12, c.accent);
    k.circle(320, 320, 30, c.main);
  },
  teddy: (k, c) => {
    k.circle(225, 115, 52, c.main);
    k.circle(415, 115, 52, c.main);
    k.circle(320, 375, 125, c.main);
    k.circle(320, 195, 112, c.main);
    k.circle(320, 385, 62, c.light);
    k.circle(320, 232, 42, c.light);
    k.circle(283, 175, 13, c.dark);
    k.circle(357, 175, 13, c.dark);
    k.circle(320, 220, 13, c.dark);
  },
  dumbbell: (k, c) => {
    k.rect(150, 252, 340, 34, 12, c.dark);
    k.rect(105, 175, 62, 190, 14, c.main);
    k.rect(167, 200, 42, 140, 10, c.main);
    k.rect(473, 175, 62, 190, 14, c.main);
    k.rect(431, 200, 42, 140, 10, c.main);
  },
  ball: (k, c) => {
    k.circle(320, 260, 180, c.white);
    const pent = (cx, cy, r, rot) =>
      k.poly(
        Array.from({ length: 5 }, (_, i) => [
          cx + r * Math.cos(rot + (i * 2 * Math.PI) / 5),
          cy + r * Math.sin(rot + (i * 2 * Math.PI) / 5),
        ]),
        c.dark,
      );
    pent(320, 260, 58, -Math.PI / 2);
    for (let i = 0; i < 5; i++) {
      const a = -Math.PI / 2 + (i * 2 * Math.PI) / 5 + Math.PI / 5;
      pent(320 + 140 * Math.cos(a), 260 + 140 * Math.sin(a), 34, a);
    }
  },
  bike: (k, c) => {
    k.ring(185, 330, 100, 82, c.dark);
    k.ring(455, 330, 100, 82, c.dark);
    for (const [a, b, d, e] of [
      [185, 330, 300, 330],
      [300, 330, 260, 205],
      [260, 205, 405, 205],
      [405, 205, 455, 330],
      [405, 205, 300, 330],
      [185, 330, 260, 205],
    ])
      k.line(a, b, d, e, 15, c.main);
    k.rect(225, 180, 75, 20, 10, c.dark);
    k.line(405, 205, 395, 160, 12, c.main);
    k.rect(370, 148, 65, 18, 9, c.dark);
  },
  tent: (k, c) => {
    k.poly(
      [
        [320, 80],
        [545, 425],
        [95, 425],
      ],
      c.main,
    );
    k.poly(
      [
        [320, 195],
        [395, 425],
        [245, 425],
      ],
      c.dark,
    );
    k.rect(75, 420, 490, 16, 8, c.dark);
  },
};

/** Averages 2×2 blocks of an RGBA square `size` pixels wide. */
function halve(px, size) {
  const half = size / 2;
  const out = new Uint8Array(half * half * 4);
  for (let y = 0; y < half; y++) {
    for (let x = 0; x < half; x++) {
      const a = (2 * y * size + 2 * x) * 4;
      const b = a + size * 4;
      const o = (y * half + x) * 4;
      for (let ch = 0; ch < 4; ch++) out[o + ch] = (px[a + ch] + px[a + 4 + ch] + px[b + ch] + px[b + 4 + ch] + 2) >> 2;
    }
  }
  return out;
}

/** Renders a leaf's illustration; returns its WebP bytes per stored width. */
export function renderSeedImage({ name, icon, hue }) {
  const palette = {
    bgTop: hsl(hue, 70, 94),
    bgBottom: hsl(hue, 55, 84),
    main: hsl(hue, 58, 48),
    dark: hsl(hue, 35, 22),
    light: hsl(hue, 70, 82),
    accent: hsl((hue + 150) % 360, 75, 55),
    white: [250, 250, 250],
  };
  const canvas = new Canvas();
  canvas.gradient(palette.bgTop, palette.bgBottom);
  const draw = ICONS[icon];
  if (!draw) throw new Error(`No seed icon "${icon}"`);
  draw(canvas, palette);
  canvas.text(name, 545, palette.dark);

  const out = {};
  let pixels = canvas.px;
  let size = canvas.w;
  // Halving by averaging 2×2 blocks (anti-aliasing the supersampled drawing);
  // photon only encodes, its resize costs ~200 ms per image at this size.
  for (const width of [...SEED_IMAGE_WIDTHS].sort((a, b) => b - a)) {
    while (size > width) {
      pixels = halve(pixels, size);
      size /= 2;
    }
    const image = new PhotonImage(pixels, size, size);
    out[width] = image.get_bytes_webp();
    image.free();
  }
  return out;
}
