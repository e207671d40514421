/**
 * A copy of a string that shares no memory with the one it came from. A
 * slice of a large text (a line of a page, a message quoting it) keeps the
 * whole text alive in V8; what outlives its page should be detached.
 */
export function detach(s: string): string {
  // Concatenation then slicing makes V8 copy the characters into a new string.
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * A part of a cache key: its length, then the text. Parts joined so can be
 * split again one way only, so no text (a NUL, a separator) can make two
 * different keys equal.
 */
export function keyPart(s: string): string {
  return `${s.length}:${s}`;
}
