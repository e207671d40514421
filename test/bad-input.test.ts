// The catalogue of bad input: each case is a small tree made on the fly
// (some of them cannot be committed: a 200 MB file, symbolic link loops, a
// 100,000-character line) with the diagnostic it must give, its position,
// and the exit code. Nothing may throw, and no stack trace may reach stderr.

import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { check } from '../src/check.js';
import { MemoryFileSystem } from '../src/core/fs-memory.js';
import type { ReadResult } from '../src/core/fs.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Tree = Record<string, string | Uint8Array | { link: string } | { size: number }>;

function tree(files: Tree): string {
  const dir = mkdtempSync(join(tmpdir(), 'docsnip-bad-')).replace(/\\/g, '/');
  dirs.push(dir);
  writeFileSync(join(dir, 'conf.py'), "project = 'bad'\n");
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof content === 'object' && 'link' in content) symlinkSync(content.link, path);
    else if (typeof content === 'object' && 'size' in content) {
      writeFileSync(path, '');
      truncateSync(path, content.size);
    } else writeFileSync(path, content);
  }
  return dir;
}

async function run(dir: string, args: string[] = []) {
  let stdout = '';
  let stderr = '';
  const code = await main({ argv: ['check', '--format', 'json', ...args], cwd: dir, env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false });
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  const findings = stdout ? (JSON.parse(stdout).diagnostics as { file: string; line: number; column: number; ruleId: string; message: string }[]) : [];
  return { code, stderr, findings: findings.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`), messages: findings.map((d) => d.message) };
}

const page = (directives: string) => `Page\n====\n\n${directives}\n`;

describe('bad input gives a diagnostic, never a crash', () => {
  it('a binary included file', async () => {
    const r = await run(tree({ 'index.rst': page('.. literalinclude:: data.bin'), 'data.bin': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]) }));
    expect([r.code, r.findings]).toEqual([1, ['index.rst:4:21 encoding-error']]);
  });

  it('a page that is not UTF-8, and a wrong :encoding:', async () => {
    const r = await run(
      tree({
        'latin.rst': new Uint8Array([...Buffer.from('Caf'), 0xe9, 0x0a, 0x3d, 0x3d, 0x3d, 0x3d, 0x0a]),
        'index.rst': page('.. literalinclude:: latin1.txt\n   :encoding: ascii\n\n.. literalinclude:: latin1.txt\n   :encoding: no-such-codec'),
        'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      }),
    );
    expect(r.code).toBe(1);
    // At the option at fault: the :encoding: value that cannot decode the file, the unknown codec.
    expect(r.findings).toEqual(['index.rst:5:15 encoding-error', 'index.rst:8:4 invalid-option', 'latin.rst:1:1 encoding-error']);
  });

  it('UTF-16 with a byte order mark: refused as UTF-8, read with :encoding: utf-16', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'echo hi\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    const r = await run(tree({ 'index.rst': page('.. literalinclude:: script.sh\n\n.. literalinclude:: script.sh\n   :encoding: utf-16'), 'script.sh': utf16 }));
    expect(r.findings).toEqual(['index.rst:4:21 encoding-error']);
  });

  it('NUL bytes in a page and in an included file are text to Python', async () => {
    const r = await run(tree({ 'index.rst': page('a\u0000b\n\n.. literalinclude:: nul.txt'), 'nul.txt': 'x\u0000y\n' }));
    expect([r.code, r.findings]).toEqual([0, []]);
  });

  it('a 200 MB included file is refused with its size (and read with a larger --max-file-size)', async () => {
    const dir = tree({ 'index.rst': page('.. literalinclude:: huge.log\n   :lines: 1'), 'huge.log': { size: 200 * 2 ** 20 } });
    const r = await run(dir);
    expect([r.code, r.findings]).toEqual([1, ['index.rst:4:21 include-file-missing']]);
    expect(r.messages[0]).toBe('Included file `huge.log` cannot be read (200 MiB, larger than the --max-file-size limit of 64 MiB)');
    expect((await run(dir, ['--max-file-size', 'x'])).code).toBe(2);
  });

  it('a line of 100,000 characters', async () => {
    const r = await run(tree({ 'index.rst': page('x'.repeat(100_000)) }));
    expect([r.code, r.findings]).toEqual([1, ['index.rst:4:1 line-too-long']]);
  });

  it('directives nested 300 deep: reported at the limit, nothing below is read', async () => {
    const nested = Array.from({ length: 300 }, (_, i) => `${'   '.repeat(i)}.. note::\n`).join('\n') + `\n${'   '.repeat(300)}.. literalinclude:: missing.txt`;
    const r = await run(tree({ 'index.rst': page(nested) }));
    // Note 101 (depth 100) is at line 4 + 2 * 100; its content starts two lines below, indented 3 * 101.
    expect([r.code, r.findings]).toEqual([1, ['index.rst:206:304 nesting-too-deep']]);
  });

  it('directives nested 100 deep are read', async () => {
    const nested = Array.from({ length: 100 }, (_, i) => `${'   '.repeat(i)}.. note::\n`).join('\n') + `\n${'   '.repeat(100)}.. literalinclude:: missing.txt`;
    const r = await run(tree({ 'index.rst': page(nested) }));
    expect([r.code, r.findings]).toEqual([1, ['index.rst:204:321 include-file-missing']]);
  });

  it('MyST colon fences nested 300 deep', async () => {
    const n = 300;
    const md = '# T\n\n' + Array.from({ length: n }, (_, i) => ':'.repeat(n + 3 - i) + '{note}\n').join('') + '```{literalinclude} missing.txt\n```\n';
    const r = await run(tree({ 'conf.py': "extensions = ['myst_parser']\nmyst_enable_extensions = ['colon_fence']\n", 'index.md': md }));
    // Fence 101 (depth 100) is on line 3 + 100; its content, fence 102, is on the next line.
    expect([r.code, r.findings]).toEqual([1, ['index.md:104:1 nesting-too-deep']]);
  });

  it('an included fragment and a shown region of 200,000 lines', async () => {
    // Spreading that many lines into one call would overflow the stack.
    const task = 'execute: |\n  # [docs:a]\n' + '  echo x\n'.repeat(200_000) + '  # [docs:a-end]\n';
    const dir = tree({
      'index.rst': page('.. include:: frag.txt\n\n.. literalinclude:: task.yaml\n   :start-after: [docs:a]\n   :end-before: [docs:a-end]\n\n.. literalinclude:: missing.txt'),
      'frag.txt': 'line\n\n'.repeat(100_000),
      'task.yaml': task,
    });
    const r = await run(dir);
    expect([r.code, r.findings]).toEqual([1, ['index.rst:10:21 include-file-missing']]);
    // Export writes the 200,000 commands.
    const steps = tree({ 'index.rst': page('.. literalinclude:: task.yaml\n   :language: bash\n   :start-after: [docs:a]\n   :end-before: [docs:a-end]\n   :dedent: 2'), 'task.yaml': task });
    let stdout = '';
    const exported = await main({ argv: ['export', 'index.rst'], cwd: steps, env: {}, stdout: (t) => (stdout += t), stderr: () => {}, isTTY: false });
    expect(exported).toBe(0);
    expect(stdout.split('\n').filter((l) => l === 'echo x')).toHaveLength(200_000);
  });

  it('MyST block quotes 50,000 deep', async () => {
    // markdown-it (MyST) parses no content 20 levels deep: the first literalinclude never runs.
    const md = '# T\n\n' + '>'.repeat(50_000) + ' ```{literalinclude} deep.txt\n\n```{literalinclude} missing.txt\n```\n';
    const r = await run(tree({ 'conf.py': "extensions = ['myst_parser']\n", 'index.md': md }));
    expect([r.code, r.findings]).toEqual([1, ['index.md:5:21 include-file-missing']]);
  });

  it('a task.yaml nested 100,000 deep', async () => {
    const task = 'summary: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\nexecute: |\n  # [docs:a]\n  x\n  # [docs:a-end]\n';
    const r = await run(tree({ 'index.rst': page('.. literalinclude:: task.yaml\n   :start-after: [docs:a]\n   :end-before: [docs:a-end]'), 'task.yaml': task }));
    // Where the parser gives up depends on the stack size, so only the line is fixed.
    expect([r.code, r.findings.map((f) => f.replace(/:\d+ /, ' '))]).toEqual([1, ['task.yaml:1 yaml-invalid']]);
    expect(r.messages).toEqual(['Not valid YAML: Nested too deeply to read']);
  });

  it('include cycles and a page that includes itself', async () => {
    const r = await run(tree({ 'index.rst': page('.. include:: index.rst'), 'a.rst': page('.. include:: b.txt'), 'b.txt': '.. include:: a.rst\n' }));
    // Both stay pages (Sphinx builds them); docutils inserts a self-include once, then refuses it.
    expect([r.code, r.findings]).toEqual([1, ['a.rst:4:14 include-cycle', 'index.rst:4:14 include-cycle']]);
  });

  it('NUL characters in option names and values are removed, with a space or line break after one, as docutils does', () => {
    const fs = new MemoryFileSystem({
      '/d/conf.py': '',
      '/d/index.rst': page(
        [
          '.. literalinclude:: t.txt\n   :start-after: Q\u0000R',
          '.. literalinclude:: t.txt\n   :start-after: \u0000 QR',
          '.. literalinclude:: t.txt\n   :start-after: Q\u0000\n      R\n   :end-before: E\u0000ND',
          '.. literalinclude:: t.txt\n   :start\u0000-after: QR',
          '.. include:: t.txt\n   :start-after: Q\u0000 R\n   :end-before: E\u0000ND\n   :literal:',
        ].join('\n\n'),
      ),
      '/d/t.txt': 'Q\nR\nx\nQR\ny\nEND\n',
    });
    const r = check({ fs, root: '/d', cwd: '/d', gitignore: false });
    expect(r.diagnostics).toEqual([]);
    const directives = r.project.pages[0]!.directives;
    // What Sphinx 5.3 and 9 show for these four literalincludes.
    expect(directives.map((d) => (d.kind === 'literalinclude' ? d.resolution?.text : d.options))).toEqual([
      'y\nEND\n',
      'y\nEND\n',
      'y\n',
      'y\nEND\n',
      { 'start-after': 'QR', 'end-before': 'END', literal: null },
    ]);
  });

  it('a symbolic link loop, and a directory where a file should be', async () => {
    const r = await run(tree({ 'index.rst': page('.. literalinclude:: loop-a\n\n.. literalinclude:: code'), 'loop-a': { link: 'loop-b' }, 'loop-b': { link: 'loop-a' }, 'code/x.txt': 'x\n' }));
    expect([r.code, r.findings]).toEqual([1, ['index.rst:4:21 include-file-missing', 'index.rst:6:21 include-file-missing']]);
    expect(r.messages[1]).toBe('Included file `code` is a directory, not a file');
  });

  it('a file that cannot be read (permissions)', () => {
    // Through the FileSystem interface: a privileged user (CI runs as root) reads any file.
    class Denied extends MemoryFileSystem {
      override read(path: string): ReadResult {
        return path.endsWith('secret.txt') ? { kind: 'error', message: "EACCES: permission denied, open '/d/secret.txt'" } : super.read(path);
      }
    }
    const fs = new Denied({ '/d/conf.py': '', '/d/index.rst': page('.. literalinclude:: secret.txt'), '/d/secret.txt': 'x' });
    const r = check({ fs, root: '/d', cwd: '/d', gitignore: false });
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}: ${d.message}`)).toEqual([
      "4:21 include-file-missing: Included file `secret.txt` cannot be read (EACCES: permission denied, open '/d/secret.txt')",
    ]);
  });

  it('a page the user cannot read is reported, not thrown (when not privileged)', async () => {
    const dir = tree({ 'index.rst': page('ok') });
    chmodSync(join(dir, 'index.rst'), 0o000);
    const r = await run(dir);
    // root reads it anyway; anyone else gets the read error as a diagnostic.
    expect([0, 1]).toContain(r.code);
    chmodSync(join(dir, 'index.rst'), 0o644);
  });

  it('a failure inside docsnip: exit 2 and one line, the stack trace only with --debug', async () => {
    class Broken extends MemoryFileSystem {
      override read(path: string): ReadResult {
        if (path.endsWith('index.rst')) throw new Error('disk on fire');
        return super.read(path);
      }
    }
    const fs = new Broken({ '/d/conf.py': '', '/d/index.rst': page('') });
    const run = async (argv: string[]) => {
      let stderr = '';
      const code = await main({ argv, cwd: '/d', env: {}, fs, stdout: () => {}, stderr: (t) => (stderr += t), isTTY: false });
      return { code, stderr };
    };
    expect(await run(['check'])).toEqual({ code: 2, stderr: 'docsnip: internal error: disk on fire\n(run again with --debug for details, and please report it)\n' });
    const debug = await run(['check', '--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^docsnip: internal error: disk on fire\nError: disk on fire\n\s+at /);
  });

  it('paths that do not exist on the command line: exit 2 with a message', async () => {
    const dir = tree({ 'index.rst': page('ok') });
    let stderr = '';
    const code = await main({ argv: ['check', 'nope.rst'], cwd: dir, env: {}, stdout: () => {}, stderr: (t) => (stderr += t), isTTY: false });
    expect([code, stderr]).toEqual([2, 'docsnip: no such file or directory: nope.rst\n']);
  });

  it('paths with spaces, Unicode and ..', async () => {
    const r = await run(tree({ 'dir with space/página ü.rst': page('.. literalinclude:: ../code dir/ñ.txt\n   :lines: 1'), 'code dir/ñ.txt': 'one\n' }));
    expect([r.code, r.findings]).toEqual([0, []]);
  });

  it('CRLF and mixed newlines, tabs in options', async () => {
    const r = await run(tree({ 'index.rst': 'Page\r\n====\r\n\r\n.. literalinclude:: t.txt\n\t:lines: 1\r\n', 't.txt': 'a\r\nb\rc\n' }));
    expect([r.code, r.findings]).toEqual([0, []]);
  });

  it('empty files: a page, and an included file', async () => {
    const r = await run(tree({ 'empty.rst': '', 'index.rst': page('.. literalinclude:: empty.txt\n   :start-after: x'), 'empty.txt': '' }));
    expect(r.findings).toEqual(['index.rst:5:18 start-marker-not-found']);
  });

  it('a task.yaml that is not YAML', async () => {
    const r = await run(tree({ 'index.rst': page('.. literalinclude:: task.yaml\n   :start-after: [docs:a]\n   :end-before: [docs:a-end]'), 'task.yaml': 'execute: |\n  # [docs:a]\n  x\n  # [docs:a-end]\nkey: [unclosed\n' }));
    expect(r.findings).toEqual(['task.yaml:6:1 yaml-invalid']);
  });

  it('option values of pathological length', async () => {
    // Under docutils' 10,000-character line limit: an ordinary missing marker.
    const r = await run(tree({ 'index.rst': page(`.. literalinclude:: t.txt\n   :start-after: ${'x'.repeat(9_000)}`), 't.txt': 'a\n' }));
    expect(r.findings).toEqual(['index.rst:5:18 start-marker-not-found']);
    // Over it: docutils refuses the document.
    const over = await run(tree({ 'index.rst': page(`.. literalinclude:: t.txt\n   :caption: ${'x'.repeat(200_000)}`), 't.txt': 'a\n' }));
    expect(over.findings).toEqual(['index.rst:5:1 line-too-long']);
  });
});
