/**
 * What the network thinks: above each column, a bar and the probability the network gives to
 * playing there in the current position. Its favourite is marked by weight and a striped bar,
 * not by colour alone.
 */
import { WIDTH } from '@c4/engine';

export class PolicyPanel {
  private readonly cells: { root: HTMLElement; bar: HTMLElement; pct: HTMLElement }[] = [];

  constructor(private readonly root: HTMLElement) {
    for (let col = 0; col < WIDTH; col++) {
      const cell = document.createElement('div');
      cell.className = 'col';
      cell.dataset.testid = `policy-${col}`;
      const pct = document.createElement('span');
      pct.className = 'pct';
      const bar = document.createElement('div');
      bar.className = 'bar';
      const num = document.createElement('span');
      num.className = 'num';
      num.textContent = String(col + 1);
      num.setAttribute('aria-hidden', 'true');
      cell.append(pct, bar, num);
      root.append(cell);
      this.cells.push({ root: cell, bar, pct });
    }
    this.show(null);
  }

  /** Shows the 7 column probabilities (0 for full columns), or clears them (null). */
  show(probabilities: readonly number[] | null): void {
    const top = probabilities ? probabilities.indexOf(Math.max(...probabilities)) : -1;
    this.cells.forEach(({ root, bar, pct }, col) => {
      const p = probabilities?.[col];
      const known = p !== undefined;
      pct.textContent = known ? formatPercent(p) : '';
      bar.style.height = known ? `${Math.round(p * 100) * 0.22}px` : '0';
      root.classList.toggle('top', col === top);
      root.setAttribute('aria-label', known
        ? `Column ${col + 1}: ${formatPercent(p)}${col === top ? ', the network’s favourite' : ''}`
        : `Column ${col + 1}`);
    });
  }

  /** Greys the row out, e.g. while the network is unavailable. */
  setEnabled(enabled: boolean): void {
    this.root.classList.toggle('off', !enabled);
  }
}

/** 0.1234 → "12%"; tiny but non-zero values are not shown as a flat 0. */
export function formatPercent(p: number): string {
  if (p > 0 && p < 0.005) return '<1%';
  return `${Math.round(p * 100)}%`;
}
