/**
 * How the two players look and are named. Colour alone must not tell them apart (about one
 * man in twelve confuses red and green, some confuse red and yellow), so each also differs in
 * lightness and carries its own marker: the first player a light disc with a dark ring, the
 * second a dark disc with a light cross. Text always names the marker too.
 */
export type Player = 1 | 2;

export interface PlayerLook {
  /** Name used in every message: colour and marker. */
  name: string;
  /** One-character symbol of the marker, for compact text. */
  symbol: string;
  fill: number;
  /** Colour of the marker drawn on the disc; contrasts with `fill` in lightness. */
  marker: number;
  css: string;
}

export const PLAYERS: Record<Player, PlayerLook> = {
  1: { name: 'Yellow ◯', symbol: '◯', fill: 0xf6c945, marker: 0x5a4300, css: '#f6c945' },
  2: { name: 'Red ✕', symbol: '✕', fill: 0xb3261e, marker: 0xffe3df, css: '#b3261e' },
};

export function other(player: Player): Player {
  return player === 1 ? 2 : 1;
}

/** The player who made the `index`-th move of a game (0-based): the first player moves on even indices. */
export function playerOfMove(index: number): Player {
  return index % 2 === 0 ? 1 : 2;
}
