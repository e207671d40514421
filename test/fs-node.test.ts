// NodeFileSystem.walk: hidden entries and node_modules are skipped; in a git
// work tree what git ignores is left out (tracked, untracked and deleted
// files as git sees them), elsewhere the directories are read.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeFileSystem } from '../src/core/fs-node.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'docsnip-walk-')).replace(/\\/g, '/');
  dirs.push(dir);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), f.endsWith('.gitignore') ? '_build/\n*.tmp.rst\n' : 'x\n');
  }
  return dir;
}

const FILES = ['index.rst', 'a/page.rst', 'a/notes.txt', '.hidden/x.rst', 'node_modules/pkg/README.rst', '_build/out.rst', 'draft.tmp.rst', '.gitignore'];

describe('NodeFileSystem.walk', () => {
  it('outside git: every file but hidden ones and node_modules', () => {
    const dir = tree(FILES);
    const rel = (ps: string[]) => ps.map((p) => p.slice(dir.length + 1));
    expect(rel(new NodeFileSystem().walk(dir, ['.rst']))).toEqual(['_build/out.rst', 'a/page.rst', 'draft.tmp.rst', 'index.rst']);
  });

  it('in a work tree: without what git ignores, with untracked files, without deleted ones', () => {
    const dir = tree(FILES);
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'x');
    writeFileSync(join(dir, 'new.rst'), 'new\n');
    rmSync(join(dir, 'a/page.rst'));
    symlinkSync(join(dir, 'index.rst'), join(dir, 'link.rst'));
    const fs = new NodeFileSystem();
    const rel = (ps: string[]) => ps.map((p) => p.slice(dir.length + 1));
    expect(rel(fs.walk(dir, ['.rst']))).toEqual(['index.rst', 'link.rst', 'new.rst']);
    expect(rel(fs.walk(join(dir, 'a').replace(/\\/g, '/'), ['']))).toEqual(['a/notes.txt']);
    expect(rel(fs.walk(dir, ['.rst'], { gitignore: false }))).toEqual(['_build/out.rst', 'draft.tmp.rst', 'index.rst', 'link.rst', 'new.rst']);
  });
});

describe('NodeFileSystem.readUpTo', () => {
  it('reads a file up to the limit, and gives only the size of a larger one', () => {
    const dir = tree(['a/page.rst']);
    const fs = new NodeFileSystem();
    const file = `${dir}/a/page.rst`;
    expect(fs.readUpTo(file, 2)).toEqual({ kind: 'file', bytes: Buffer.from('x\n') });
    expect(fs.readUpTo(file, 1)).toEqual({ kind: 'too-large', size: 2 });
    expect(fs.readUpTo(`${dir}/a`, 1)).toEqual({ kind: 'directory' });
    expect(fs.readUpTo(`${dir}/missing.rst`, 1)).toEqual({ kind: 'missing' });
    expect(fs.readUpTo(`${file}/below`, 1)).toEqual({ kind: 'missing' });
    // The same answers as `read` wherever the size is within the limit.
    for (const p of [file, `${dir}/a`, `${dir}/missing.rst`]) expect(fs.readUpTo(p, 100)).toEqual(fs.read(p));
  });

  it('without following a link, answers `link` for a path that is one, and reads the rest alike', () => {
    const dir = tree(['a/page.rst']);
    symlinkSync(`${dir}/a/page.rst`, `${dir}/link.rst`);
    symlinkSync(`${dir}/a`, `${dir}/linked-dir`);
    symlinkSync(`${dir}/nowhere.rst`, `${dir}/dangling.rst`);
    const fs = new NodeFileSystem();
    for (const p of [`${dir}/link.rst`, `${dir}/linked-dir`, `${dir}/dangling.rst`]) expect(fs.readUpTo(p, 100, true), p).toEqual({ kind: 'link' });
    // A link among the directories on the way is followed: only the last part is asked about.
    expect(fs.readUpTo(`${dir}/linked-dir/page.rst`, 100, true)).toEqual({ kind: 'file', bytes: Buffer.from('x\n') });
    for (const p of [`${dir}/a/page.rst`, `${dir}/a`, `${dir}/missing.rst`]) expect(fs.readUpTo(p, 100, true), p).toEqual(fs.readUpTo(p, 100));
    expect(fs.readUpTo(`${dir}/a/page.rst`, 1, true)).toEqual({ kind: 'too-large', size: 2 });
  });

  it('reads a file that reports no size (as /proc files do) to its end', () => {
    // Linux only (where CI runs): other systems have no such files.
    if (process.platform !== 'linux') return;
    const r = new NodeFileSystem().readUpTo('/proc/self/status', 1 << 20);
    expect(r.kind).toBe('file');
    expect(new TextDecoder().decode((r as { bytes: Uint8Array }).bytes)).toMatch(/^Name:/);
  });
});
