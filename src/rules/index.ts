/** The rule registry, sorted by id. */
import dedentStripsText from './dedent-strips-text.js';
import encodingError from './encoding-error.js';
import endMarkerNotFound from './end-marker-not-found.js';
import includeCycle from './include-cycle.js';
import includeFileMissing from './include-file-missing.js';
import invalidOption from './invalid-option.js';
import lineTooLong from './line-too-long.js';
import linesOutOfRange from './lines-out-of-range.js';
import noLinesSelected from './no-lines-selected.js';
import optionConflict from './option-conflict.js';
import pyobjectNotFound from './pyobject-not-found.js';
import startMarkerNotFound from './start-marker-not-found.js';
import type { Rule } from './rule.js';

export const RULES: readonly Rule[] = [
  dedentStripsText,
  encodingError,
  endMarkerNotFound,
  includeCycle,
  includeFileMissing,
  invalidOption,
  lineTooLong,
  linesOutOfRange,
  noLinesSelected,
  optionConflict,
  pyobjectNotFound,
  startMarkerNotFound,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
