/**
 * The `yaml` package, loaded on first use: most runs never read YAML beyond
 * a few task files, and loading it up front costs start-up time.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let yamlModule: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yamlModule;
}
