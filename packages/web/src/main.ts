/**
 * Wires the page: the controller decides, the board view draws, the panels explain, the
 * network and the teacher answer. Every move goes through `showMove`, so the address, the
 * live region and the panels are updated the same way whoever played.
 *
 * URL parameters: pos (move string, kept current), model (URL of a model.json), backend
 * (webgl | wasm | cpu: tried first), seed (the network's sampling seed).
 */
import { makeRng, Position } from '@c4/engine';
import { loadPolicyNet } from '@c4/engine/policy';
import type { PolicyNet } from '@c4/engine/policy';
import { selectBackend } from './backend.ts';
import { BoardView } from './board-view.ts';
import type { BoardLayout } from './board-view.ts';
import { GameController, POSITION_PARAM } from './game-controller.ts';
import type { PlayedMove } from './game-controller.ts';
import { PLAYERS } from './players.ts';
import { PolicyPanel } from './policy-panel.ts';
import { TeacherCancelled, TeacherClient } from './teacher-client.ts';
import { TeacherPanel } from './teacher-panel.ts';
import { createStats, exposeTestHooks } from './test-hooks.ts';

const params = new URLSearchParams(location.search);
const stats = createStats();

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`index.html lacks #${id}`);
  return found as T;
}

const ui = {
  status: element('status'),
  notice: element('notice'),
  boardArea: element('board-area'),
  board: element('board'),
  boardText: element('board-text'),
  announcer: element('announcer'),
  newGame: element<HTMLButtonElement>('new-game'),
  undo: element<HTMLButtonElement>('undo'),
  askTeacher: element<HTMLButtonElement>('ask-teacher'),
  cancelTeacher: element<HTMLButtonElement>('cancel-teacher'),
  starter: element<HTMLSelectElement>('starter'),
  networkPlays: element<HTMLInputElement>('network-plays'),
  strength: element<HTMLSelectElement>('strength'),
  backend: element('backend'),
  modelInfo: element('model-info'),
};

const seed = Number.parseInt(params.get('seed') ?? '', 10);
const controller = new GameController({ rng: makeRng(Number.isFinite(seed) ? seed : Date.now() % 2 ** 31) });
controller.loadMoves(params.get(POSITION_PARAM) ?? '');
controller.temperature = Number(ui.strength.value);
controller.busy = true; // until the network is loaded (or known to be missing)

const policyPanel = new PolicyPanel(element('policy'));
const teacherPanel = new TeacherPanel(element('teacher'), element('teacher-summary'));
const teacher = new TeacherClient();
let net: PolicyNet | null = null;
let modelError: string | null = null;
/** Network probabilities by move string: undo and repeated refreshes need no new inference. */
const policyCache = new Map<string, number[]>();
let hoverCol: number | null = null;
let cursorCol = 3;
let boardFocused = false;
/** Number and position of the latest teacher request: older answers are ignored. */
let teacherRequest = 0;
let teacherMoves: string | null = null;

// Started before the board: the backend's WebAssembly and the model load while PixiJS
// sets up, not after it.
const networkLoading = loadNetwork();
const board = await BoardView.create(ui.board, {
  onHover(col) {
    hoverCol = col;
    updateIndicator();
  },
  onColumn(col) {
    void humanMove(col);
  },
  onLayout(layout: BoardLayout) {
    ui.boardArea.style.setProperty('--cell', `${layout.cell}px`);
    ui.boardArea.style.setProperty('--x0', `${layout.x0}px`);
  },
});
board.showPosition(controller.game.position.grid(), controller.winningCells());
exposeTestHooks({ controller, board, stats, teacher });
writeAddress();
refresh();
bindInput();
await networkLoading;
ui.backend.textContent = net ? `backend: ${stats.backend} · board: ${board.rendererName}` : `backend: ${stats.backend ?? 'none'}`;
controller.busy = false;
stats.interactiveMs = Math.round(performance.now());
document.body.dataset.ready = 'true';
refresh();
void networkTurn();

async function loadNetwork(): Promise<void> {
  try {
    const backend = await selectBackend(params.get('backend'), document.baseURI);
    stats.backend = backend;
    const modelUrl = new URL(params.get('model') ?? 'model/model.json', document.baseURI).href;
    const started = performance.now();
    net = await loadPolicyNet(modelUrl);
    stats.modelMs = Math.round(performance.now() - started);
    const warm = performance.now();
    net.probabilities(Position.empty()); // the first inference compiles shaders / warms wasm up: not a reply
    stats.warmupMs = Math.round(performance.now() - warm);
    ui.modelInfo.textContent = `model: ${modelUrl.replace(location.origin, '')}`;
    void describeModel(modelUrl);
  } catch (e) {
    net = null;
    modelError = `The network could not be loaded (${(e as Error).message}). Two people can still play: the network is off.`;
    controller.disableNetwork();
    ui.networkPlays.checked = false;
    ui.networkPlays.disabled = true;
  }
}

/** Flags a development model in the footer: its report.json (beside model.json, optional) says `untrained`. */
async function describeModel(modelUrl: string): Promise<void> {
  try {
    const response = await fetch(new URL('report.json', modelUrl));
    if (response.ok && (await response.json())?.untrained === true) ui.modelInfo.textContent += ' (untrained development model)';
  } catch {
    // no report: nothing to add
  }
}

/** The network's probabilities for the current position, or null (no network, game over). */
function currentPolicy(): number[] | null {
  if (!net || controller.isOver) return null;
  const moves = controller.moves;
  let probabilities = policyCache.get(moves);
  if (!probabilities) {
    probabilities = net.probabilities(controller.game.position);
    policyCache.set(moves, probabilities);
  }
  return probabilities;
}

async function humanMove(col: number): Promise<void> {
  const attempt = controller.playHuman(col);
  if (!attempt.ok) {
    if (attempt.reason === 'busy') return; // a piece is falling or the network thinks: ignore
    announce(attempt.message, true);
    if (attempt.reason === 'full') await board.shake(col, controller.toMove);
    return;
  }
  await showMove(attempt.move);
  await networkTurn();
}

async function networkTurn(): Promise<void> {
  if (!net || controller.busy || !controller.isNetworkTurn()) return;
  controller.busy = true;
  refresh();
  await nextFrame(); // let "thinking" paint before inference holds the main thread
  const moves = controller.moves;
  const started = performance.now();
  const probabilities = net.probabilities(controller.game.position);
  stats.replyMs.push(performance.now() - started);
  policyCache.set(moves, probabilities);
  controller.busy = false;
  const move = controller.playNetwork(probabilities);
  stats.replies.push({ moves, col: move.col });
  await showMove(move);
}

/** Animates `move`, then brings address, announcements and panels up to date. */
async function showMove(move: PlayedMove): Promise<void> {
  controller.busy = true;
  stopTeacher();
  refresh();
  await board.drop(move.col, move.row, move.player);
  controller.busy = false;
  board.setWinning(controller.winningCells());
  writeAddress();
  announce(controller.describe(move));
  refresh();
}

function newGame(): void {
  if (controller.busy) return;
  stopTeacher();
  controller.newGame(ui.starter.value !== 'network');
  board.showPosition(controller.game.position.grid());
  writeAddress();
  const who = controller.mode === 'analysis'
    ? 'Two players: Yellow ◯ moves first.'
    : `You play ${PLAYERS[controller.human].name}${controller.human === 1 ? ' and move first' : '; the network moves first'}.`;
  announce(`New game. ${who}`);
  refresh();
  void networkTurn();
}

function undo(): void {
  const taken = controller.undo();
  if (taken === 0) return;
  stopTeacher();
  board.showPosition(controller.game.position.grid(), controller.winningCells());
  writeAddress();
  announce(`Took back ${taken === 1 ? 'one move' : `${taken} moves`}. ${controller.status()}`);
  refresh();
}

async function askTeacher(): Promise<void> {
  if (controller.isOver) {
    announce('The game is over: there is nothing to analyse.', true);
    return;
  }
  const moves = controller.moves;
  if (teacher.busy && teacherMoves === moves) return; // already on it
  const request = ++teacherRequest;
  teacherMoves = moves;
  const plies = controller.game.position.plies;
  const pick = currentPolicy();
  teacherPanel.thinking();
  ui.cancelTeacher.hidden = false;
  try {
    const done = await teacher.analyze(moves, (col, score) => teacherPanel.setScore(col, score, plies));
    teacherPanel.finish(done.scores, plies, pick ? pick.indexOf(Math.max(...pick)) : null, done.ms / 1000);
  } catch (e) {
    // An answer to an older request (cancelled by this one, or by a move) must not touch the panel.
    if (request !== teacherRequest || controller.moves !== moves) return;
    if (e instanceof TeacherCancelled) teacherPanel.cancelled();
    else teacherPanel.failed((e as Error).message);
  } finally {
    if (request === teacherRequest) ui.cancelTeacher.hidden = !teacher.busy;
  }
}

/** Stops a running analysis and clears scores: they belong to a position that is gone. */
function stopTeacher(): void {
  teacher.cancel();
  teacherPanel.clear();
  ui.cancelTeacher.hidden = true;
}

function setNetworkPlays(on: boolean): void {
  controller.setMode(on ? 'versus' : 'analysis');
  announce(on ? `The network plays ${PLAYERS[controller.human === 1 ? 2 : 1].name}.` : 'Two players: the network is off.');
  refresh();
  void networkTurn();
}

function bindInput(): void {
  ui.newGame.addEventListener('click', newGame);
  ui.undo.addEventListener('click', undo);
  ui.askTeacher.addEventListener('click', () => void askTeacher());
  ui.cancelTeacher.addEventListener('click', stopTeacherByUser);
  ui.networkPlays.addEventListener('change', () => setNetworkPlays(ui.networkPlays.checked));
  ui.strength.addEventListener('change', () => {
    controller.temperature = Number(ui.strength.value);
  });
  ui.board.addEventListener('focus', () => {
    boardFocused = true;
    updateIndicator();
  });
  ui.board.addEventListener('blur', () => {
    boardFocused = false;
    updateIndicator();
  });
  document.addEventListener('keydown', onKey);
}

function stopTeacherByUser(): void {
  if (!teacher.busy) return;
  teacher.cancel();
}

function onKey(e: KeyboardEvent): void {
  if (e.altKey || e.metaKey) return;
  if (e.ctrlKey) {
    if (e.key === 'z') {
      e.preventDefault();
      undo();
    }
    return;
  }
  const target = e.target as HTMLElement | null;
  // Keys belong to text fields and lists while they have focus; a focused checkbox or button does not need digits.
  if (target?.closest('input:not([type=checkbox]), select, textarea')) return;
  const key = e.key;
  if (key >= '1' && key <= '7') {
    e.preventDefault();
    cursorCol = Number(key) - 1;
    void humanMove(cursorCol);
  } else if (key === 'n' || key === 'N') {
    newGame();
  } else if (key === 'u' || key === 'U' || (key === 'Backspace' && target === ui.board)) {
    e.preventDefault();
    undo();
  } else if (key === 't' || key === 'T') {
    void askTeacher();
  } else if (key === 'Escape') {
    stopTeacherByUser();
  } else if (target === ui.board) {
    if (key === 'ArrowLeft' || key === 'ArrowRight') {
      e.preventDefault();
      cursorCol = (cursorCol + (key === 'ArrowLeft' ? 6 : 1)) % 7;
      hoverCol = null;
      updateIndicator();
      announce(`Column ${cursorCol + 1}.`);
    } else if (key === 'Enter' || key === ' ' || key === 'ArrowDown') {
      e.preventDefault();
      void humanMove(cursorCol);
    }
  }
}

/** Brings every piece of the page but the board's pieces up to date with the controller. */
function refresh(): void {
  ui.status.textContent = controller.busy && !document.body.dataset.ready ? 'Loading the network…' : controller.status();
  const notice = controller.loadError ?? modelError;
  ui.notice.hidden = notice === null;
  ui.notice.textContent = notice ?? '';
  ui.undo.disabled = !controller.canUndo();
  ui.askTeacher.disabled = controller.isOver;
  ui.newGame.disabled = controller.busy;
  policyPanel.setEnabled(net !== null);
  policyPanel.show(controller.busy ? null : currentPolicy());
  ui.boardText.textContent = controller.describeBoard();
  document.body.dataset.busy = String(controller.busy);
  updateIndicator();
}

/** Ghost piece over the pointed (or, with the board focused, the keyboard's) column, when a move is possible. */
function updateIndicator(): void {
  const col = hoverCol ?? (boardFocused ? cursorCol : null);
  const canMove = !controller.busy && !controller.isOver && !controller.isNetworkTurn();
  board.setIndicator(col !== null && canMove ? { col, player: controller.toMove } : null);
}

function writeAddress(): void {
  history.replaceState(history.state, '', `${controller.searchWithPosition(location.search)}${location.hash}`);
}

/** Says `message` in the live region (and, if `alsoStatus`, shows it briefly in the status line). */
function announce(message: string, alsoStatus = false): void {
  // Re-setting identical text is not re-announced by some screen readers: clear first.
  ui.announcer.textContent = '';
  requestAnimationFrame(() => {
    ui.announcer.textContent = message;
  });
  if (alsoStatus) ui.status.textContent = message;
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
