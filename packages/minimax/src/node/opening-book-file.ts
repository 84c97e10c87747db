/** Reading and writing opening book files (Node only; decoding itself is browser-safe). */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OpeningBook } from '../opening-book.ts';

/** The book shipped with the package: packages/minimax/data/opening-book.bin. */
export const DEFAULT_OPENING_BOOK_PATH = fileURLToPath(new URL('../../data/opening-book.bin', import.meta.url));

/** Reads and decodes a book file. Throws a one-line Error naming the file on failure. */
export function readOpeningBook(path: string): OpeningBook {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new Error(`opening book not found: ${path}`);
  }
  try {
    return OpeningBook.decode(bytes);
  } catch (e) {
    throw new Error(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The shipped book, or null when the package has none. */
export function loadDefaultOpeningBook(): OpeningBook | null {
  return existsSync(DEFAULT_OPENING_BOOK_PATH) ? readOpeningBook(DEFAULT_OPENING_BOOK_PATH) : null;
}

/** Writes a book atomically (temporary file, then rename). */
export function writeOpeningBook(path: string, book: OpeningBook): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, book.encode());
  renameSync(tmp, path);
}
