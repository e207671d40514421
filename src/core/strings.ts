/**
 * A copy of a string that shares no memory with the one it came from. A
 * slice of a large text (a line of a page, a message quoting it) keeps the
 * whole text alive in V8; what outlives its page should be detached.
 */
export function detach(s: string): string {
  // Concatenation then slicing makes V8 copy the characters into a new string.
  return s.length < 13 ? s : (' ' + s).slice(1);
}
