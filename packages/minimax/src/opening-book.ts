/**
 * Opening book: exact scores of early positions, computed once by this solver and
 * shipped as data, so that neither the search nor `analyze` has to prove them again.
 *
 * Positions are keyed canonically under the left-right mirror (a position and its mirror
 * have the same score): the smaller of the two 49-bit keys `current + mask`, compared as
 * (hi word, lo word). Browser-safe: decoding works on bytes; reading a file or fetching a
 * URL is the caller's business (see node/opening-book-file.ts and `fetchOpeningBook`).
 *
 * File format (little-endian):
 *
 *     offset 0   "C4OB"                magic
 *            4   u8  version = 1
 *            5   u8  maxPly            every stored position has at most this many stones
 *            6   u16 reserved (0)
 *            8   u32 count
 *           12   count × { u32 keyLo; u32 keyHi << 8 | (score + 128) }   sorted by (keyHi, keyLo)
 */
import { mirrorLo, mirroredHi } from './bitboard.ts';

const MAGIC = 0x424f3443; // "C4OB" read as a little-endian u32
const VERSION = 1;
const HEADER_BYTES = 12;
/** Returned by `get` for a position not in the book. */
export const NOT_IN_BOOK = -128;

export interface BookEntry {
  /** Key words of the position (`current + mask`), either orientation. */
  keyLo: number;
  keyHi: number;
  score: number;
}

export class OpeningBook {
  readonly maxPly: number;
  private readonly keyLo: Uint32Array;
  private readonly keyHi: Uint32Array;
  private readonly scores: Int8Array;

  private constructor(maxPly: number, keyLo: Uint32Array, keyHi: Uint32Array, scores: Int8Array) {
    this.maxPly = maxPly;
    this.keyLo = keyLo;
    this.keyHi = keyHi;
    this.scores = scores;
  }

  get size(): number {
    return this.scores.length;
  }

  /** A book of the given positions (canonicalised, sorted; duplicates must agree). */
  static fromEntries(entries: readonly BookEntry[], maxPly: number): OpeningBook {
    const canonical = entries.map((e) => ({ ...canonicalKey(e.keyLo, e.keyHi), score: e.score }));
    canonical.sort((a, b) => a.hi - b.hi || a.lo - b.lo);
    const unique = canonical.filter((e, i) => i === 0 || e.hi !== canonical[i - 1]!.hi || e.lo !== canonical[i - 1]!.lo);
    for (let i = 1; i < canonical.length; i++) {
      const a = canonical[i - 1]!;
      const b = canonical[i]!;
      if (a.hi === b.hi && a.lo === b.lo && a.score !== b.score) throw new Error('opening book: one position, two scores');
    }
    return new OpeningBook(
      maxPly,
      Uint32Array.from(unique, (e) => e.lo),
      Uint32Array.from(unique, (e) => e.hi),
      Int8Array.from(unique, (e) => e.score),
    );
  }

  /** Parses the bytes of a book file. Throws on anything that is not a valid book. */
  static decode(bytes: Uint8Array): OpeningBook {
    if (bytes.length < HEADER_BYTES) throw new Error('opening book: file too short');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MAGIC) throw new Error('opening book: not a book file (bad magic)');
    if (view.getUint8(4) !== VERSION) throw new Error(`opening book: unsupported version ${view.getUint8(4)}`);
    const maxPly = view.getUint8(5);
    const count = view.getUint32(8, true);
    if (bytes.length !== HEADER_BYTES + 8 * count) throw new Error('opening book: truncated or oversized file');
    const keyLo = new Uint32Array(count);
    const keyHi = new Uint32Array(count);
    const scores = new Int8Array(count);
    for (let i = 0; i < count; i++) {
      const at = HEADER_BYTES + 8 * i;
      keyLo[i] = view.getUint32(at, true);
      const w = view.getUint32(at + 4, true);
      keyHi[i] = w >>> 8;
      scores[i] = (w & 0xff) - 128;
      if (i > 0 && (keyHi[i]! < keyHi[i - 1]! || (keyHi[i] === keyHi[i - 1] && keyLo[i]! <= keyLo[i - 1]!))) {
        throw new Error('opening book: entries out of order');
      }
    }
    return new OpeningBook(maxPly, keyLo, keyHi, scores);
  }

  encode(): Uint8Array {
    const bytes = new Uint8Array(HEADER_BYTES + 8 * this.size);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint8(4, VERSION);
    view.setUint8(5, this.maxPly);
    view.setUint32(8, this.size, true);
    for (let i = 0; i < this.size; i++) {
      const at = HEADER_BYTES + 8 * i;
      view.setUint32(at, this.keyLo[i]!, true);
      view.setUint32(at + 4, ((this.keyHi[i]! << 8) | (this.scores[i]! + 128)) >>> 0, true);
    }
    return bytes;
  }

  /** Exact score of the position with key words (kLo, kHi), or NOT_IN_BOOK. */
  get(kLo: number, kHi: number): number {
    const mLo = mirrorLo(kLo, kHi);
    const mHi = mirroredHi;
    if (mHi < kHi || (mHi === kHi && mLo < kLo)) {
      kLo = mLo;
      kHi = mHi;
    }
    let lo = 0;
    let hi = this.scores.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const h = this.keyHi[mid]!;
      const l = this.keyLo[mid]!;
      if (h === kHi && l === kLo) return this.scores[mid]!;
      if (h < kHi || (h === kHi && l < kLo)) lo = mid + 1;
      else hi = mid - 1;
    }
    return NOT_IN_BOOK;
  }
}

/** The canonical (mirror-minimal) key words. */
export function canonicalKey(kLo: number, kHi: number): { lo: number; hi: number } {
  const mLo = mirrorLo(kLo, kHi);
  const mHi = mirroredHi;
  return mHi < kHi || (mHi === kHi && mLo < kLo) ? { lo: mLo, hi: mHi } : { lo: kLo, hi: kHi };
}

/** Fetches and decodes a book (browser or Node 18+: anything with `fetch`). */
export async function fetchOpeningBook(url: string | URL): Promise<OpeningBook> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`opening book: ${String(url)}: HTTP ${response.status}`);
  return OpeningBook.decode(new Uint8Array(await response.arrayBuffer()));
}
