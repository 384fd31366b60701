/**
 * Seeded pseudo-random numbers. Every random choice in the project flows from one seed
 * through these streams, so a run is reproduced by its seed and its interventions.
 * sfc32, seeded through splitmix32: fast, 128-bit state, good enough statistics for a
 * simulator (not for cryptography).
 */

/** Mixes a 32-bit value (splitmix32 finaliser). */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** A seed for an independent stream, derived from a parent seed and labels. */
export function deriveSeed(seed: number, ...labels: Array<number | string>): number {
  let h = mix32(seed >>> 0);
  for (const label of labels) {
    if (typeof label === 'number') {
      h = mix32(h ^ mix32(label >>> 0));
    } else {
      for (let i = 0; i < label.length; i++) h = mix32(h ^ label.charCodeAt(i));
    }
  }
  return h;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = mix32(seed);
    this.b = mix32(this.a);
    this.c = mix32(this.b);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max], rounded to microseconds so traces stay readable. */
  range(min: number, max: number): number {
    return Math.round((min + this.next() * (max - min)) * 1000) / 1000;
  }

  chance(probability: number): boolean {
    return probability > 0 && this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}
