/** Where in a directive to point a diagnostic. */
import type { Range, RstDirective, RstOption } from '../readers/rst/scanner.js';

export function option(directive: RstDirective, name: string): RstOption | undefined {
  return directive.options.find((o) => o.name === name);
}

/** The value of option `name`, else the whole option line, else the directive name. */
export function optionValueRange(directive: RstDirective, name: string): Range {
  const o = option(directive, name);
  if (!o) return directive.nameRange;
  return o.value === null ? o.range : o.valueRange;
}

/** The whole `:name: value` of option `name`, else the directive name. */
export function optionRange(directive: RstDirective, name: string): Range {
  return option(directive, name)?.range ?? directive.nameRange;
}

/** The argument (file name), else the directive name. */
export function argumentRange(directive: RstDirective): Range {
  return directive.argumentRange ?? directive.nameRange;
}

/** Backticks around a literal in a message, escaping backticks inside. */
export function code(text: string): string {
  const shown = text.length > 80 ? text.slice(0, 77) + '...' : text;
  return '`' + shown.replace(/\n/g, '\\n').replace(/`/g, "'") + '`';
}
