/**
 * Parts of the resolver that most runs never use, loaded on first use so a
 * plain check starts sooner: the Python analyser behind `:pyobject:` and
 * difflib behind `:diff:` (together about 15 ms of start-up). They are ES
 * modules; Node.js 20.19 and later load them synchronously (`require(esm)`).
 * On older Node.js 20, or where the sources are not compiled (a test runner),
 * call `preloadResolverModules()` once before resolving (the CLI does).
 */
import { createRequire } from 'node:module';
import type * as Pyobject from './pyobject.js';
import type * as Difflib from '../python/difflib.js';

interface Modules {
  pyobject: typeof Pyobject;
  difflib: typeof Difflib;
}

const PATHS: { readonly [K in keyof Modules]: string } = { pyobject: './pyobject.js', difflib: '../python/difflib.js' };
const loaded: Partial<Modules> = {};

/** The module, loaded now if it was not yet. */
export function lazy<K extends keyof Modules>(name: K): Modules[K] {
  let m: Modules[K] | undefined = loaded[name];
  if (!m) {
    try {
      m = loaded[name] = createRequire(import.meta.url)(PATHS[name]) as Modules[K];
    } catch (e) {
      throw new Error(`cannot load ${PATHS[name]} synchronously on Node.js ${process.version}: call preloadResolverModules() first (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return m;
}

/** Load the modules ahead of use (needed on Node.js before 20.19). */
export async function preloadResolverModules(): Promise<void> {
  const [pyobject, difflib] = await Promise.all([import('./pyobject.js'), import('../python/difflib.js')]);
  loaded.pyobject ??= pyobject;
  loaded.difflib ??= difflib;
}
