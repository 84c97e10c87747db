import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

describe('browser safety', () => {
  it('nothing under src/ outside src/node/ and src/generate/ touches Node', () => {
    const files = readdirSync(SRC).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(SRC + f, 'utf8');
      expect([f, /from ['"]node:|require\(|\bprocess\.|from ['"]\.\/node\//.test(text)]).toEqual([f, false]);
    }
  });
});
