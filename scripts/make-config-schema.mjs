#!/usr/bin/env node
// Writes schema/docsnip.schema.json, the JSON schema of .docsnip.yaml, from the
// rule registry (run `npm run build` first). test/config.test.ts checks it is current.
//   node scripts/make-config-schema.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function configSchema() {
  const { RULES } = await import(join(root, 'dist/rules/index.js'));
  const rules = {};
  for (const r of RULES) {
    rules[r.id] = { $ref: '#/definitions/severity', description: `${r.description} Default: ${r.severity}.` };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/docsnip/docsnip/blob/main/schema/docsnip.schema.json',
    title: 'docsnip configuration (.docsnip.yaml)',
    description: 'Configuration of docsnip, the Sphinx literalinclude checker. Every key is optional.',
    type: 'object',
    additionalProperties: false,
    properties: {
      root: {
        type: 'string',
        minLength: 1,
        description: 'The Sphinx source directory (the folder with conf.py), relative to this file.',
      },
      rules: { type: 'object', description: 'Severity per rule id.', additionalProperties: false, properties: rules },
      markers: {
        type: 'object',
        additionalProperties: false,
        properties: {
          pattern: {
            type: 'string',
            pattern: '\\(\\?<name>',
            description:
              'Regular expression (JavaScript syntax) matching a whole marker line, with a named group (?<name>...) and an optional named group (?<end>...) that is set on end markers.',
          },
        },
      },
      ignore: {
        type: 'array',
        items: { type: 'string' },
        description: 'Files to leave out: Sphinx-style glob patterns (** crosses directories), relative to this file.',
      },
      'myst-parser': {
        type: ['string', 'number'],
        pattern: '^\\d+(\\.\\d+){0,2}$',
        description:
          'The MyST-Parser version the docs are built with (default: 3 or later). Below 3, MyST option blocks are read as YAML, as MyST-Parser 0.18 to 2 did.',
      },
    },
    definitions: { severity: { enum: ['off', 'warning', 'error'] } },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = JSON.stringify(await configSchema(), null, 2) + '\n';
  const path = join(root, 'schema/docsnip.schema.json');
  if (process.argv.includes('--check')) {
    if (readFileSync(path, 'utf8') !== text) {
      console.error('schema/docsnip.schema.json is stale: run node scripts/make-config-schema.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(path, text);
    console.log('wrote schema/docsnip.schema.json');
  }
}
