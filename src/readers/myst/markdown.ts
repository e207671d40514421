/**
 * remark-parse, loaded on first use: a tree without Markdown pages never
 * pays for it. unified and remark-parse are ES modules; Node.js 20.19 and
 * later load them synchronously (`require(esm)`). On older Node.js 20, call
 * `preloadMarkdown()` once before checking Markdown (the CLI does).
 */
import { createRequire } from 'node:module';
import type { Root } from 'mdast';

type Parse = (text: string) => Root;
let parse: Parse | null = null;

function fromModules(unified: typeof import('unified'), remarkParse: typeof import('remark-parse')): Parse {
  const processor = unified.unified().use(remarkParse.default);
  return (text) => processor.parse(text) as Root;
}

/** Does this Node.js load ES modules with `require`? */
export function canRequireEsm(): boolean {
  return (process.features as { require_module?: boolean }).require_module === true;
}

/** Load the Markdown parser ahead of use (needed on Node.js before 20.19). */
export async function preloadMarkdown(): Promise<void> {
  if (parse) return;
  const [unified, remarkParse] = await Promise.all([import('unified'), import('remark-parse')]);
  parse ??= fromModules(unified, remarkParse);
}

/** Parse Markdown with remark-parse (CommonMark + GFM-free defaults, as MyST's markdown-it core). */
export function parseMarkdown(text: string): Root {
  if (!parse) {
    const require = createRequire(import.meta.url);
    try {
      parse = fromModules(require('unified') as typeof import('unified'), require('remark-parse') as typeof import('remark-parse'));
    } catch (e) {
      throw new Error(`cannot load remark-parse synchronously on Node.js ${process.version}: call preloadMarkdown() first (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return parse(text);
}
