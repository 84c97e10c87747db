/**
 * A deliberately naive Connect Four board (a 6×7 array, four-in-a-row by scanning every
 * line) to cross-check the bitboard against.
 */
export class NaiveBoard {
  cells: number[][] = Array.from({ length: 6 }, () => Array(7).fill(0)); // [row from bottom][col]
  plies = 0;
  winner = 0;

  toMove(): number {
    return this.plies % 2 === 0 ? 1 : 2;
  }
  height(c: number): number {
    let h = 0;
    while (h < 6 && this.cells[h]![c] !== 0) h++;
    return h;
  }
  canPlay(c: number): boolean {
    return this.height(c) < 6;
  }
  fourAt(player: number): boolean {
    for (let r = 0; r < 6; r++)
      for (let c = 0; c < 7; c++)
        for (const [dr, dc] of [[0, 1], [1, 0], [1, 1], [1, -1]] as const) {
          let k = 0;
          while (k < 4) {
            const rr = r + k * dr, cc = c + k * dc;
            if (rr < 0 || rr >= 6 || cc < 0 || cc >= 7 || this.cells[rr]![cc] !== player) break;
            k++;
          }
          if (k === 4) return true;
        }
    return false;
  }
  wouldWin(c: number): boolean {
    const h = this.height(c);
    const p = this.toMove();
    this.cells[h]![c] = p;
    const win = this.fourAt(p);
    this.cells[h]![c] = 0;
    return win;
  }
  play(c: number): void {
    const p = this.toMove();
    this.cells[this.height(c)]![c] = p;
    this.plies++;
    if (this.fourAt(p)) this.winner = p;
  }
  gridTopFirst(): number[][] {
    return [...this.cells].reverse().map((r) => [...r]);
  }
}
