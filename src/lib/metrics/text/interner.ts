// Dense integer ids for n-grams, so counting runs over typed arrays instead of Maps of joined strings.
// An n-gram of order k is the pair (id of its first k-1 units, id of its last unit); unigrams use a
// negative "namespace" as the prefix. Ids are only meaningful until the next clear(), which is O(1)
// (a generation stamp), so a segment's n-grams can be interned, counted and forgotten cheaply.

/** Initial sizes of an extractor's scratch buffers (they grow as needed; results never depend on them). */
export interface ScratchSizes {
  /** Interned n-grams per segment side. */
  grams?: number;
  /** Units (characters or words) per sentence. */
  units?: number;
  /** Distinct n-grams per segment. */
  interner?: number;
}

/** Open-addressing hash table from integer pairs (a, b) to dense ids 0, 1, 2, …. */
export class PairInterner {
  #cap: number;
  #keysA: Int32Array;
  #keysB: Int32Array;
  #vals: Int32Array;
  #stamps: Uint32Array;
  #gen = 1;
  #size = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.#cap = cap;
    this.#keysA = new Int32Array(cap);
    this.#keysB = new Int32Array(cap);
    this.#vals = new Int32Array(cap);
    this.#stamps = new Uint32Array(cap);
  }

  /** Number of ids handed out since the last clear(); every id is below it. */
  get size(): number {
    return this.#size;
  }

  /** Forgets every pair. */
  clear(): void {
    this.#size = 0;
    this.#gen++;
    if (this.#gen === 0xffffffff) {
      this.#stamps.fill(0);
      this.#gen = 1;
    }
  }

  /** The id of (a, b), allocating the next one if the pair is new. a, b are 32-bit integers. */
  intern(a: number, b: number): number {
    if (this.#size * 2 >= this.#cap) this.#grow();
    const mask = this.#cap - 1;
    const stamps = this.#stamps;
    const keysA = this.#keysA;
    const keysB = this.#keysB;
    const gen = this.#gen;
    let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      if (stamps[h] !== gen) {
        stamps[h] = gen;
        keysA[h] = a;
        keysB[h] = b;
        this.#vals[h] = this.#size;
        return this.#size++;
      }
      if (keysA[h] === a && keysB[h] === b) return this.#vals[h] ?? 0;
      h = (h + 1) & mask;
    }
  }

  #grow(): void {
    const oldA = this.#keysA;
    const oldB = this.#keysB;
    const oldV = this.#vals;
    const oldS = this.#stamps;
    const gen = this.#gen;
    const cap = this.#cap * 2;
    const mask = cap - 1;
    this.#cap = cap;
    this.#keysA = new Int32Array(cap);
    this.#keysB = new Int32Array(cap);
    this.#vals = new Int32Array(cap);
    this.#stamps = new Uint32Array(cap);
    for (let i = 0; i < oldS.length; i++) {
      if (oldS[i] !== gen) continue;
      const a = oldA[i] ?? 0;
      const b = oldB[i] ?? 0;
      let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
      h = (h ^ (h >>> 15)) & mask;
      while (this.#stamps[h] === gen) h = (h + 1) & mask;
      this.#stamps[h] = gen;
      this.#keysA[h] = a;
      this.#keysB[h] = b;
      this.#vals[h] = oldV[i] ?? 0;
    }
  }
}

/**
 * Ids for strings (tokens) or spans of a string, kept across segments. A span is looked up without
 * slicing it out (FNV-1a hash of its code units, then startsWith), which is what makes tokenizing
 * straight into ids cheap. Bounded: past `limit` entries it starts over (see trim()).
 */
export class TokenIds {
  #hashes = new Int32Array(1024);
  #slots = new Int32Array(1024); // id + 1; 0 = empty
  #strings: string[] = [];
  #limit: number;

  constructor(limit = 1 << 20) {
    this.#limit = limit;
  }

  /** Number of distinct strings seen since the table last started over. */
  get size(): number {
    return this.#strings.length;
  }

  /** The id of `s.slice(start, end)`. */
  span(s: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    const mask = this.#slots.length - 1;
    let slot = h & mask;
    const len = end - start;
    for (;;) {
      const id1 = this.#slots[slot] ?? 0;
      if (id1 === 0) break;
      if (this.#hashes[slot] === h) {
        const t = this.#strings[id1 - 1] ?? '';
        if (t.length === len && s.startsWith(t, start)) return id1 - 1;
      }
      slot = (slot + 1) & mask;
    }
    const id = this.#strings.length;
    this.#strings.push(start === 0 && end === s.length ? s : s.slice(start, end));
    this.#hashes[slot] = h;
    this.#slots[slot] = id + 1;
    if (this.#strings.length * 2 > this.#slots.length) this.#grow();
    return id;
  }

  /** The string of an id handed out since the table last started over. */
  string(id: number): string {
    return this.#strings[id] ?? '';
  }

  /** The id of the whole string `s`. */
  id(s: string): number {
    return this.span(s, 0, s.length);
  }

  /** Starts over when the table has grown past its limit. Only call where no ids are held. */
  trim(): void {
    if (this.#strings.length <= this.#limit) return;
    this.#strings = [];
    this.#hashes = new Int32Array(1024);
    this.#slots = new Int32Array(1024);
  }

  #grow(): void {
    const oldH = this.#hashes;
    const oldS = this.#slots;
    const cap = oldS.length * 2;
    const mask = cap - 1;
    this.#hashes = new Int32Array(cap);
    this.#slots = new Int32Array(cap);
    for (let i = 0; i < oldS.length; i++) {
      const id1 = oldS[i] ?? 0;
      if (id1 === 0) continue;
      const h = oldH[i] ?? 0;
      let slot = h & mask;
      while ((this.#slots[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
      this.#hashes[slot] = h;
      this.#slots[slot] = id1;
    }
  }
}

/** A growable Int32Array scratch buffer: growing keeps what it holds, so a caller may extend a filled prefix. */
export class IntBuffer {
  data: Int32Array;
  constructor(initial = 256) {
    this.data = new Int32Array(Math.max(1, initial));
  }
  /** Makes room for at least `n` entries; entries already written stay where they are. */
  ensure(n: number): Int32Array {
    if (this.data.length < n) {
      let len = this.data.length * 2;
      while (len < n) len *= 2;
      const grown = new Int32Array(len);
      grown.set(this.data);
      this.data = grown;
    }
    return this.data;
  }
}
