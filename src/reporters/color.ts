/** ANSI colours, or none. Reporters get one of these; they never look at the terminal themselves. */
export interface Palette {
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const COLORS: Palette = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  cyan: wrap(36, 39),
};

const id = (s: string): string => s;
export const NO_COLORS: Palette = { red: id, yellow: id, dim: id, bold: id, cyan: id };
