/** docsnip's library API. */
export { check, displayPath, type CheckOptions, type CheckResult, type CheckSummary } from './check.js';
export {
  resolveProject,
  resolveProject as resolve,
  formatResolveJson,
  formatResolveText,
  resolveJsonChunks,
  resolveTextChunks,
  type ResolvedDirective,
  type ResolveResult,
} from './resolve.js';
export { scanMyst } from './readers/myst/scanner.js';
export { preloadMarkdown } from './readers/myst/markdown.js';
export { preloadLazyModules } from './core/lazy.js';
export { OverlayFileSystem } from './core/fs-overlay.js';
export { resolveLiteralInclude, type Resolution, type ResolveProblem, type ResolveRequest } from './resolver/literalinclude.js';
export { convertOptions, LITERALINCLUDE_OPTION_SPEC, INCLUDE_OPTION_SPEC, type LiteralIncludeOptions } from './resolver/options.js';
export { scanRst, type RstDirective, type RstOption, type RstScan } from './readers/rst/scanner.js';
export { MemoryFileSystem } from './core/fs-memory.js';
export { NodeFileSystem } from './core/fs-node.js';
export type { FileSystem, ReadResult } from './core/fs.js';
export type { Diagnostic, RelatedLocation, Severity } from './core/diagnostic.js';
export { RULES } from './rules/index.js';
export { formatHuman, humanChunks } from './reporters/human.js';
export { checkJsonChunks, formatCheckJson } from './reporters/json.js';
export { VERSION } from './version.js';
