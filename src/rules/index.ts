/** The rule registry, sorted by id. */
import configInvalid from './config-invalid.js';
import dedentStripsText from './dedent-strips-text.js';
import encodingError from './encoding-error.js';
import endMarkerNotFound from './end-marker-not-found.js';
import includeCycle from './include-cycle.js';
import includeFileMissing from './include-file-missing.js';
import includeOutsideRoot from './include-outside-root.js';
import invalidOption from './invalid-option.js';
import lineTooLong from './line-too-long.js';
import linesOutOfRange from './lines-out-of-range.js';
import markerDuplicate from './marker-duplicate.js';
import markerInOutput from './marker-in-output.js';
import markerOutsideExecute from './marker-outside-execute.js';
import markerUnpaired from './marker-unpaired.js';
import markerUnused from './marker-unused.js';
import mystUnquotedMarker from './myst-unquoted-marker.js';
import nestingTooDeep from './nesting-too-deep.js';
import noLinesSelected from './no-lines-selected.js';
import optionConflict from './option-conflict.js';
import patternAmbiguous from './pattern-ambiguous.js';
import pyobjectNotFound from './pyobject-not-found.js';
import startMarkerNotFound from './start-marker-not-found.js';
import stepOrderDrift from './step-order-drift.js';
import yamlInvalid from './yaml-invalid.js';
import type { Rule } from './rule.js';

export const RULES: readonly Rule[] = [
  configInvalid,
  dedentStripsText,
  encodingError,
  endMarkerNotFound,
  includeCycle,
  includeFileMissing,
  includeOutsideRoot,
  invalidOption,
  lineTooLong,
  linesOutOfRange,
  markerDuplicate,
  markerInOutput,
  markerOutsideExecute,
  markerUnpaired,
  markerUnused,
  mystUnquotedMarker,
  nestingTooDeep,
  noLinesSelected,
  optionConflict,
  patternAmbiguous,
  pyobjectNotFound,
  startMarkerNotFound,
  stepOrderDrift,
  yamlInvalid,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
