/**
 * The board, drawn with PixiJS: the frame with its 42 holes in front, the pieces behind it
 * (so a falling piece shows through the holes), a ghost piece above the column under the
 * pointer or keyboard cursor, and rings around the winning four.
 *
 *         ( ghost )                     <- indicator row, 1.1 cells high
 *   ┌───────────────────────────┐
 *   │ ○  ○  ○  ○  ○  ○  ○       │       <- row 5 (top)       ┐
 *   │ …                         │                            │ 6 cells of side `cell`,
 *   │ ○  ○  ○  ○  ○  ○  ○       │       <- row 0 (bottom)    ┘ centred horizontally
 *   └───────────────────────────┘
 *     x0 = left edge of column 0
 *
 * It only draws: it knows nothing of turns. The page tells it what to show and hears back
 * which column was pointed at or tapped. Nothing is drawn between changes (the ticker runs
 * only while something moves), so an idle board costs no CPU.
 */
import { Application, Container, Graphics, GraphicsContext } from 'pixi.js';
import type { FederatedPointerEvent, Ticker } from 'pixi.js';
import { HEIGHT, WIDTH } from '@c4/engine';
import type { Cell } from '@c4/engine';
import { hasHardwareWebGL } from './gpu.ts';
import { PLAYERS } from './players.ts';
import type { Player } from './players.ts';

/** Where the board sits in the canvas, in CSS pixels. */
export interface BoardLayout {
  cell: number;
  /** Left edge of column 0. */
  x0: number;
  /** Top edge of row 5 (the top row). */
  y0: number;
  width: number;
  height: number;
}

export interface BoardViewEvents {
  /** The pointer is over column `col` (0-based), or left the board (null). */
  onHover(col: number | null): void;
  /** A click or tap on column `col`. */
  onColumn(col: number): void;
  /** The layout changed (resize): e.g. to align the panels with the columns. */
  onLayout(layout: BoardLayout): void;
}

const FRAME_COLOUR = 0x1d4e9e;
const BACKGROUND = 0xf4f1e8;
const INDICATOR_ROWS = 1.1;
const FRAME_PAD = 0.14;
const PIECE_RADIUS = 0.4;
const HOLE_RADIUS = 0.43;
/** Fall acceleration, in cells per second²: a piece crosses the whole board in about a third of a second. */
const GRAVITY = 110;
/** Fraction of its speed a landing piece bounces back with. */
const RESTITUTION = 0.2;

interface Piece {
  graphic: Graphics;
  player: Player;
  col: number;
  /** Vertical place in cells below the board's top edge: the centre of row r is at 5.5 - r. */
  depth: number;
}

export class BoardView {
  private readonly pieceLayer = new Container();
  private readonly frame = new Graphics();
  private readonly band = new Graphics();
  private readonly ghost = new Graphics();
  private readonly winRings = new Graphics();
  private pieces: (Piece | null)[][] = emptyCells();
  private layout: BoardLayout = { cell: 1, x0: 0, y0: 0, width: 0, height: 0 };
  private contexts: Record<Player, GraphicsContext> | null = null;
  private indicator: { col: number; player: Player } | null = null;
  private winning: Cell[] = [];
  /** Running animations: each frame callback with the resolver of its promise. */
  private readonly animations = new Map<(ticker: Ticker) => void, () => void>();
  private readonly reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;

  private constructor(private readonly app: Application, private readonly host: HTMLElement, private readonly events: BoardViewEvents) {}

  /** Creates the canvas inside `host` and keeps it the size of `host`. */
  static async create(host: HTMLElement, events: BoardViewEvents): Promise<BoardView> {
    const app = new Application();
    await app.init({
      width: Math.max(1, host.clientWidth),
      height: Math.max(1, host.clientHeight),
      background: BACKGROUND,
      antialias: true,
      resolution: window.devicePixelRatio || 1,
      autoDensity: true,
      autoStart: false,
      // Software WebGL draws this simple scene slower than a 2D canvas does.
      preference: hasHardwareWebGL() ? 'webgl' : 'canvas',
      // The DOM around the canvas is the accessible interface; Pixi's overlay would only add empty tab stops.
      accessibilityOptions: { activateOnTab: false },
    });
    app.ticker.stop();
    app.canvas.setAttribute('aria-hidden', 'true');
    host.appendChild(app.canvas);
    const view = new BoardView(app, host, events);
    view.build();
    return view;
  }

  /** The renderer Pixi chose ('webgl', 'webgpu' or 'canvas'). */
  get rendererName(): string {
    return this.app.renderer.name;
  }

  private build(): void {
    const { stage } = this.app;
    stage.addChild(this.pieceLayer, this.frame, this.band, this.winRings, this.ghost);
    stage.eventMode = 'static';
    stage.hitArea = this.app.screen;
    stage.on('pointermove', (e: FederatedPointerEvent) => this.events.onHover(this.columnAt(e.global.x)));
    stage.on('pointerleave', () => this.events.onHover(null));
    stage.on('pointertap', (e: FederatedPointerEvent) => {
      const col = this.columnAt(e.global.x);
      if (col !== null) this.events.onColumn(col);
    });
    new ResizeObserver(() => this.resize()).observe(this.host);
    this.resize();
  }

  private resize(): void {
    const width = Math.max(1, this.host.clientWidth);
    const height = Math.max(1, this.host.clientHeight);
    this.app.renderer.resize(width, height);
    const cell = Math.max(4, Math.min(width / (WIDTH + 2 * FRAME_PAD), height / (INDICATOR_ROWS + HEIGHT + 2 * FRAME_PAD)));
    const x0 = (width - WIDTH * cell) / 2;
    // Top-aligned, so the network's row above the board stays next to it on tall screens.
    const y0 = (INDICATOR_ROWS + FRAME_PAD) * cell;
    this.layout = { cell, x0, y0, width, height };
    this.contexts?.[1].destroy();
    this.contexts?.[2].destroy();
    this.contexts = { 1: pieceContext(1, cell), 2: pieceContext(2, cell) };
    for (const piece of this.allPieces()) piece.graphic.context = this.contexts[piece.player];
    this.ghost.context = this.contexts[1];
    this.drawFrame();
    this.redraw();
    this.events.onLayout(this.layout);
  }

  /** Column under x (canvas CSS pixels), or null outside the board. */
  private columnAt(x: number): number | null {
    const { cell, x0 } = this.layout;
    const col = Math.floor((x - x0) / cell);
    return col >= 0 && col < WIDTH ? col : null;
  }

  /** Centre of the cell (`row` 0 = bottom, `col`) in page (client) coordinates, and the cell's side. */
  cellPoint(row: number, col: number): { x: number; y: number; cell: number } {
    const rect = this.app.canvas.getBoundingClientRect();
    const { cell, x0, y0 } = this.layout;
    return { x: rect.left + x0 + (col + 0.5) * cell, y: rect.top + y0 + (HEIGHT - 0.5 - row) * cell, cell };
  }

  /**
   * The frame: a rim, then one square per cell with its own round hole. One big shape with 42
   * holes would be simpler, but Pixi's 2D-canvas renderer triangulates it wrongly; a hole per
   * shape draws right on every renderer. Neighbouring shapes overlap a little so no seam shows.
   */
  private drawFrame(): void {
    const { cell, x0, y0 } = this.layout;
    const pad = FRAME_PAD * cell;
    const g = this.frame.clear();
    g.roundRect(x0 - pad, y0 - pad, WIDTH * cell + 2 * pad, HEIGHT * cell + 2 * pad, 0.22 * cell)
      .fill(FRAME_COLOUR)
      .rect(x0 + 1, y0 + 1, WIDTH * cell - 2, HEIGHT * cell - 2) // overlaps the squares: no seam
      .cut();
    for (let row = 0; row < HEIGHT; row++) {
      for (let col = 0; col < WIDTH; col++) {
        const x = x0 + col * cell;
        const y = y0 + row * cell;
        g.rect(x - 0.5, y - 0.5, cell + 1, cell + 1).fill(FRAME_COLOUR).circle(x + cell / 2, y + cell / 2, HOLE_RADIUS * cell).cut();
      }
    }
    // A thin dark rim around each hole, so holes read as holes on any background.
    for (let row = 0; row < HEIGHT; row++) {
      for (let col = 0; col < WIDTH; col++) {
        g.circle(x0 + (col + 0.5) * cell, y0 + (row + 0.5) * cell, HOLE_RADIUS * cell);
      }
    }
    g.stroke({ width: Math.max(1, 0.03 * cell), color: 0x0f2f66, alignment: 0 });
  }

  /** Shows `grid` (6 rows, top row first, 0/1/2) without animation, and the winning cells (row 0 = bottom). */
  showPosition(grid: readonly (readonly number[])[], winning: readonly Cell[] = []): void {
    this.cancelAnimations();
    for (const piece of this.allPieces()) piece.graphic.destroy();
    this.pieces = emptyCells();
    grid.forEach((cells, topRow) => cells.forEach((owner, col) => {
      const row = HEIGHT - 1 - topRow;
      if (owner === 1 || owner === 2) this.addPiece(row, col, owner, HEIGHT - 0.5 - row);
    }));
    this.winning = [...winning];
    this.redraw();
  }

  /** The winning cells to ring (row 0 = bottom); other pieces are dimmed. Empty clears. */
  setWinning(cells: readonly Cell[]): void {
    this.winning = [...cells];
    this.redraw();
  }

  /** Shows a ghost piece of `player` above `col`, or nothing (null). */
  setIndicator(indicator: { col: number; player: Player } | null): void {
    const same = indicator?.col === this.indicator?.col && indicator?.player === this.indicator?.player;
    this.indicator = indicator;
    if (!same) this.redraw();
  }

  /**
   * Animates a piece of `player` falling into `col` down to `row` (0 = bottom); resolves when
   * it has come to rest.
   */
  drop(col: number, row: number, player: Player): Promise<void> {
    const piece = this.addPiece(row, col, player, -0.55);
    const target = HEIGHT - 0.5 - row;
    if (this.reducedMotion) {
      piece.depth = target;
      this.redraw();
      return Promise.resolve();
    }
    let speed = 0;
    let bounced = false;
    return this.animate((dt) => {
      speed += GRAVITY * dt;
      piece.depth += speed * dt;
      if (piece.depth >= target) {
        piece.depth = target;
        if (bounced || speed < 4) return true;
        bounced = true;
        speed = -speed * RESTITUTION;
      }
      return false;
    });
  }

  /** A short sideways shake of the ghost piece: the column refused the move. */
  shake(col: number, player: Player): Promise<void> {
    this.setIndicator({ col, player });
    let elapsed = 0;
    const base = this.ghost.x;
    return this.animate((dt) => {
      elapsed += dt;
      const done = elapsed >= 0.3;
      this.ghost.x = done ? base : base + Math.sin(elapsed * 60) * 0.08 * this.layout.cell * (1 - elapsed / 0.3);
      return done;
    });
  }

  /** Runs `step(seconds since last frame)` every frame until it returns true. */
  private animate(step: (dt: number) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const tick = (ticker: Ticker) => {
        const finished = step(Math.min(ticker.deltaMS, 50) / 1000);
        this.positionPieces();
        if (finished) {
          this.stopAnimation(tick);
          resolve();
        }
      };
      this.animations.set(tick, resolve);
      this.app.ticker.add(tick);
      if (!this.app.ticker.started) this.app.ticker.start();
    });
  }

  private stopAnimation(tick: (ticker: Ticker) => void): void {
    this.app.ticker.remove(tick);
    this.animations.delete(tick);
    if (this.animations.size === 0) {
      this.app.ticker.stop();
      this.app.render();
    }
  }

  /** Ends running animations at once (their promises resolve), e.g. before a new position is shown. */
  private cancelAnimations(): void {
    for (const [tick, resolve] of [...this.animations]) {
      this.stopAnimation(tick);
      resolve();
    }
  }

  /** Adds a piece that belongs in (`row`, `col`), drawn for now at `depth` (see `Piece`). */
  private addPiece(row: number, col: number, player: Player, depth: number): Piece {
    const graphic = new Graphics(this.contexts![player]);
    const piece: Piece = { graphic, player, col, depth };
    this.pieces[row][col] = piece;
    this.pieceLayer.addChild(graphic);
    return piece;
  }

  private *allPieces(): Generator<Piece> {
    for (const row of this.pieces) for (const piece of row) if (piece) yield piece;
  }

  private positionPieces(): void {
    const { cell, x0, y0 } = this.layout;
    for (const piece of this.allPieces()) {
      piece.graphic.position.set(x0 + (piece.col + 0.5) * cell, y0 + piece.depth * cell);
    }
  }

  /** Redraws everything but the frame from the current state, then renders once if nothing is animating. */
  private redraw(): void {
    const { cell, x0, y0 } = this.layout;
    this.positionPieces();
    const winningKeys = new Set(this.winning.map(([r, c]) => `${r},${c}`));
    this.pieces.forEach((cells, row) => cells.forEach((piece, col) => {
      if (piece) piece.graphic.alpha = winningKeys.size === 0 || winningKeys.has(`${row},${col}`) ? 1 : 0.4;
    }));

    const rings = this.winRings.clear();
    for (const [row, col] of this.winning) {
      const x = x0 + (col + 0.5) * cell;
      const y = y0 + (HEIGHT - 0.5 - row) * cell;
      rings.circle(x, y, HOLE_RADIUS * cell).stroke({ width: 0.1 * cell, color: 0x111111 });
      rings.circle(x, y, HOLE_RADIUS * cell).stroke({ width: 0.05 * cell, color: 0xffffff });
    }

    const band = this.band.clear();
    // The ghost shares the pieces' GraphicsContext: never clear() it, that would wipe every piece.
    const ghost = this.ghost;
    if (this.indicator) {
      const { col, player } = this.indicator;
      // A light veil over the whole column, frame included: visible whatever the pieces' colours.
      band.rect(x0 + col * cell, y0 - FRAME_PAD * cell, cell, (HEIGHT + 2 * FRAME_PAD) * cell).fill({ color: 0xffffff, alpha: 0.16 });
      ghost.context = this.contexts![player];
      ghost.position.set(x0 + (col + 0.5) * cell, y0 - (FRAME_PAD + INDICATOR_ROWS / 2) * cell);
      ghost.alpha = 0.75;
      ghost.visible = true;
    } else {
      ghost.visible = false;
    }
    if (this.animations.size === 0) this.app.render();
  }
}

function emptyCells(): (Piece | null)[][] {
  return Array.from({ length: HEIGHT }, () => new Array<Piece | null>(WIDTH).fill(null));
}

/**
 * A piece of `player` for cells of side `cell`, centred on (0, 0): a disc with a dark edge and
 * the player's marker (a ring for the first player, a cross for the second).
 */
function pieceContext(player: Player, cell: number): GraphicsContext {
  const look = PLAYERS[player];
  const r = PIECE_RADIUS * cell;
  const ctx = new GraphicsContext().circle(0, 0, r).fill(look.fill).stroke({ width: Math.max(1, 0.06 * r), color: 0x222222, alpha: 0.6 });
  if (player === 1) {
    ctx.circle(0, 0, 0.55 * r).stroke({ width: 0.16 * r, color: look.marker });
  } else {
    const a = 0.42 * r;
    ctx.moveTo(-a, -a).lineTo(a, a).moveTo(a, -a).lineTo(-a, a).stroke({ width: 0.2 * r, color: look.marker, cap: 'round' });
  }
  return ctx;
}
