/**
 * Array helpers that work at any length. Spreading an array into a call
 * (`push(...items)`, `Math.max(...items)`) passes one argument per element
 * and overflows the stack past about 120,000 of them: a long included file
 * would crash the run.
 */

/** Append every item to `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

/** Insert `items` into `target` before index `at`, in place. */
export function insertAll<T>(target: T[], at: number, items: readonly T[]): void {
  if (items.length === 0) return;
  const tail = target.splice(at);
  pushAll(target, items);
  pushAll(target, tail);
}

/** The smallest and largest number, or null for none. */
export function minMax(numbers: readonly number[]): [number, number] | null {
  if (numbers.length === 0) return null;
  let min = numbers[0]!;
  let max = min;
  for (const n of numbers) {
    if (n < min) min = n;
    if (n > max) max = n;
  }
  return [min, max];
}
