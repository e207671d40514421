/**
 * Parts of docsnip that most runs never use, loaded on first use so a plain
 * check starts sooner: the Python analyser behind `:pyobject:`, difflib
 * behind `:diff:`, and the MyST reader for projects without Markdown pages.
 * They are ES modules; Node.js 20.19 and later load them synchronously
 * (`require(esm)`). On older Node.js 20, or where the sources are not
 * compiled (a test runner), call `preloadLazyModules()` once before a run
 * (the CLI does).
 */
import { createRequire } from 'node:module';
import type * as Pyobject from '../resolver/pyobject.js';
import type * as Difflib from '../python/difflib.js';
import type * as Myst from '../readers/myst/scanner.js';

interface Modules {
  pyobject: typeof Pyobject;
  difflib: typeof Difflib;
  myst: typeof Myst;
}

const PATHS: { readonly [K in keyof Modules]: string } = {
  pyobject: '../resolver/pyobject.js',
  difflib: '../python/difflib.js',
  myst: '../readers/myst/scanner.js',
};
const loaded: Partial<Modules> = {};

/** The module, loaded now if it was not yet. */
export function lazy<K extends keyof Modules>(name: K): Modules[K] {
  let m: Modules[K] | undefined = loaded[name];
  if (!m) {
    try {
      m = loaded[name] = createRequire(import.meta.url)(PATHS[name]) as Modules[K];
    } catch (e) {
      throw new Error(`cannot load ${PATHS[name]} synchronously on Node.js ${process.version}: call preloadLazyModules() first (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return m;
}

/** Load the modules ahead of use (needed on Node.js before 20.19). */
export async function preloadLazyModules(): Promise<void> {
  const [pyobject, difflib, myst] = await Promise.all([import('../resolver/pyobject.js'), import('../python/difflib.js'), import('../readers/myst/scanner.js')]);
  loaded.pyobject ??= pyobject;
  loaded.difflib ??= difflib;
  loaded.myst ??= myst;
}
