/**
 * The source trees that real Sphinx builds for the differential tests, and
 * where their committed golden results live.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSphinxConf } from '../../src/project/sphinx-conf.js';
import type { OracleResult } from './sphinx-compare.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
export const GOLDEN_DIR = join(repo, 'test/golden/sphinx');

export interface Suite {
  name: string;
  /** Does the tree have MyST pages (Sphinx needs myst_parser)? */
  myst: boolean;
  /** The Sphinx source directory. */
  src: string;
  /** The tree's own exclude_patterns (from its conf.py). */
  exclude: string[];
}

function confExcludes(src: string): string[] {
  const conf = join(src, 'conf.py');
  return existsSync(conf) ? parseSphinxConf(readFileSync(conf, 'utf8')).excludePatterns : [];
}

export const SUITES: Suite[] = [
  { name: 'tutorial', src: join(repo, 'fixtures/tutorial'), myst: false },
  { name: 'conformance', src: join(repo, 'test/conformance/src'), myst: false },
  { name: 'tutorial-myst', src: join(repo, 'fixtures/tutorial-myst'), myst: true },
  { name: 'conformance-myst', src: join(repo, 'test/conformance-myst/src'), myst: true },
].map((s) => ({ ...s, exclude: confExcludes(s.src) }));

export function goldenPath(version: string, suite: string): string {
  return join(GOLDEN_DIR, version, `${suite}.json`);
}

/** Sphinx versions with committed golden results. */
export function goldenVersions(): string[] {
  return existsSync(GOLDEN_DIR) ? readdirSync(GOLDEN_DIR).sort() : [];
}

export function readGolden(version: string, suite: string): OracleResult {
  return JSON.parse(readFileSync(goldenPath(version, suite), 'utf8')) as OracleResult;
}
