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

/**
 * Open-addressing hash table from integer pairs (a, b) to dense ids 0, 1, 2, …. Each slot is four adjacent
 * integers (generation stamp, a, b, id), so a probe touches one cache line.
 */
export class PairInterner {
  #cap: number;
  #table: Int32Array;
  #gen = 1;
  #size = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.#cap = cap;
    this.#table = new Int32Array(cap * 4);
  }

  /** Number of ids handed out since the last clear(); every id is below it. */
  get size(): number {
    return this.#size;
  }

  /** Forgets every pair. */
  clear(): void {
    this.#size = 0;
    this.#gen++;
    if (this.#gen === 0x7fffffff) {
      this.#table.fill(0);
      this.#gen = 1;
    }
  }

  /** The id of (a, b), allocating the next one if the pair is new. a, b are 32-bit integers. */
  intern(a: number, b: number): number {
    if (this.#size * 2 >= this.#cap) this.#grow();
    const t = this.#table;
    const mask = this.#cap - 1;
    const gen = this.#gen;
    let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const at = h << 2;
      if (t[at] !== gen) {
        t[at] = gen;
        t[at + 1] = a;
        t[at + 2] = b;
        t[at + 3] = this.#size;
        return this.#size++;
      }
      if (t[at + 1] === a && t[at + 2] === b) return t[at + 3] ?? 0;
      h = (h + 1) & mask;
    }
  }

  #grow(): void {
    const old = this.#table;
    const gen = this.#gen;
    const cap = this.#cap * 2;
    const mask = cap - 1;
    const t = new Int32Array(cap * 4);
    for (let i = 0; i < old.length; i += 4) {
      if (old[i] !== gen) continue;
      const a = old[i + 1] ?? 0;
      const b = old[i + 2] ?? 0;
      let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
      h = (h ^ (h >>> 15)) & mask;
      while (t[h << 2] === gen) h = (h + 1) & mask;
      const at = h << 2;
      t[at] = gen;
      t[at + 1] = a;
      t[at + 2] = b;
      t[at + 3] = old[i + 3] ?? 0;
    }
    this.#cap = cap;
    this.#table = t;
  }
}

/** What tokenizers need from a string interner: the id of a span of a string, or of a whole string. */
export interface SpanInterner {
  span(s: string, start: number, end: number): number;
  id(s: string): number;
}

/**
 * Ids for spans of strings within one segment: dense from 0, forgotten by clear() in O(1) (a generation stamp).
 * The table only ever holds one segment's distinct tokens, so it stays small and in cache, where a vocabulary
 * kept across segments grows past the cache and costs a miss per token. A span is stored as (string, start,
 * length) and compared code unit by code unit; nothing is sliced.
 */
export class SegmentSpanIds implements SpanInterner {
  #stamps: Uint32Array;
  #hashes: Int32Array;
  #slotIds: Int32Array;
  #gen = 1;
  #strs: string[] = [];
  #starts: Int32Array;
  #lens: Int32Array;
  #size = 0;

  constructor(initialCapacity = 256) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.#stamps = new Uint32Array(cap);
    this.#hashes = new Int32Array(cap);
    this.#slotIds = new Int32Array(cap);
    this.#starts = new Int32Array(cap >> 1);
    this.#lens = new Int32Array(cap >> 1);
  }

  /** Number of ids handed out since the last clear(). */
  get size(): number {
    return this.#size;
  }

  /** Forgets every span. */
  clear(): void {
    this.#size = 0;
    this.#gen++;
    if (this.#gen === 0xffffffff) {
      this.#stamps.fill(0);
      this.#gen = 1;
    }
  }

  /** The id of `s.slice(start, end)` within this segment. */
  span(s: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    const stamps = this.#stamps;
    const mask = stamps.length - 1;
    const gen = this.#gen;
    const len = end - start;
    let slot = h & mask;
    for (;;) {
      if (stamps[slot] !== gen) break;
      if (this.#hashes[slot] === h) {
        const id = this.#slotIds[slot] ?? 0;
        if (this.#lens[id] === len && this.#same(id, s, start, len)) return id;
      }
      slot = (slot + 1) & mask;
    }
    const id = this.#size++;
    stamps[slot] = gen;
    this.#hashes[slot] = h;
    this.#slotIds[slot] = id;
    this.#strs[id] = s;
    this.#starts[id] = start;
    this.#lens[id] = len;
    if (this.#size * 2 >= stamps.length) this.#grow();
    return id;
  }

  /** The id of the whole string `s`. */
  id(s: string): number {
    return this.span(s, 0, s.length);
  }

  #same(id: number, s: string, start: number, len: number): boolean {
    const t = this.#strs[id] ?? '';
    const ts = this.#starts[id] ?? 0;
    for (let k = 0; k < len; k++) if (t.charCodeAt(ts + k) !== s.charCodeAt(start + k)) return false;
    return true;
  }

  #grow(): void {
    const oldStamps = this.#stamps;
    const oldHashes = this.#hashes;
    const oldIds = this.#slotIds;
    const gen = this.#gen;
    const cap = oldStamps.length * 2;
    const mask = cap - 1;
    const stamps = new Uint32Array(cap);
    const hashes = new Int32Array(cap);
    const ids = new Int32Array(cap);
    for (let i = 0; i < oldStamps.length; i++) {
      if (oldStamps[i] !== gen) continue;
      const h = oldHashes[i] ?? 0;
      let slot = h & mask;
      while (stamps[slot] === gen) slot = (slot + 1) & mask;
      stamps[slot] = gen;
      hashes[slot] = h;
      ids[slot] = oldIds[i] ?? 0;
    }
    this.#stamps = stamps;
    this.#hashes = hashes;
    this.#slotIds = ids;
    const starts = new Int32Array(cap >> 1);
    starts.set(this.#starts);
    this.#starts = starts;
    const lens = new Int32Array(cap >> 1);
    lens.set(this.#lens);
    this.#lens = lens;
  }
}

/**
 * Ids for strings (tokens) or spans of a string, kept across segments. A span is looked up without
 * slicing it out (FNV-1a hash of its code units, then startsWith), which is what makes tokenizing
 * straight into ids cheap. Bounded: past `limit` entries it starts over (see trim()).
 */
export class TokenIds implements SpanInterner {
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
