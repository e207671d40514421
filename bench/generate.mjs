/**
 * Deterministic doc trees for the benchmark, shaped like real tutorials:
 * pages with sections, prose, `code-block`s, `terminal` blocks, `note` and
 * `dropdown` and `tab-set` nesting, an `.. include::` of shared fragments,
 * and literalincludes of spread `task.yaml` files with many marker pairs
 * (about 25 per page), plus a few code files shown whole or by `:lines:`.
 * About 1% of the literalincludes are broken (a marker that is not there, a
 * missing file, a bad option). Seeded: the same size and seed give the same
 * bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** mulberry32: a small seeded PRNG. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'the charm rock app deploy juju model config relation unit build pack image registry service database migrate status check run step tutorial command output file directory version release channel'.split(
    ' ',
  );
const COMMANDS = [
  'juju deploy ./app.charm --resource app-image=localhost:32000/app:1',
  'juju status --wait 5m',
  'rockcraft pack',
  'charmcraft pack',
  'sudo snap install juju --channel=3/stable',
  'juju integrate app postgresql-k8s',
  'curl --silent http://localhost:8080/ | grep -q ok',
  'juju config app greeting="Hi there"',
  'rockcraft.skopeo --insecure-policy copy oci-archive:app_1.0_amd64.rock docker://localhost:32000/app:1',
  'juju add-model tutorial',
];

export const SIZES = { S: 100, M: 2000, L: 20000 };

/** Write a tree of `pages` pages under `dir`; returns counts. */
export function generateTree(dir, pages, seed = 1) {
  const rand = rng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentence = () => {
    const s = words(8 + Math.floor(rand() * 10));
    return s[0].toUpperCase() + s.slice(1) + '.';
  };
  let files = 0;
  let bytes = 0;
  const write = (p, text) => {
    const full = join(dir, p);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    files++;
    bytes += Buffer.byteLength(text);
  };
  write('conf.py', "project = 'bench'\nextensions = []\nexclude_patterns = ['_build']\n");
  write('index.rst', 'Bench\n=====\n\nA generated tree.\n');
  // Shared fragments.
  const fragments = 20;
  for (let f = 0; f < fragments; f++) {
    write(`reuse/setup-${f}.rst`, `Set up the environment ${f}:\n\n.. code-block:: bash\n\n   sudo snap install multipass\n   multipass launch --name dev-${f}\n\n.. note::\n\n   ${sentence()}\n`);
  }
  // One spread task per 5 pages, with 40 marker pairs each.
  const tasks = Math.max(1, Math.ceil(pages / 5));
  const REGIONS = 40;
  for (let t = 0; t < tasks; t++) {
    const body = [];
    for (let r = 0; r < REGIONS; r++) {
      body.push(`  # [docs:step-${r}]`);
      const n = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < n; k++) body.push(`  ${pick(COMMANDS)}`);
      body.push(`  # [docs:step-${r}-end]`);
      if (rand() < 0.3) body.push(`  timeout 10m juju wait-for application app --query='status=="active"'`);
    }
    write(`code/t${t}/task.yaml`, `summary: tutorial ${t}\nkill-timeout: 30m\n\nexecute: |\n${body.join('\n')}\n`);
    write(`code/t${t}/app.py`, Array.from({ length: 30 }, (_, k) => (k % 6 === 0 ? `def handler_${k}():` : `    value_${k} = ${k}  # ${words(3)}`)).join('\n') + '\n');
  }
  let literalincludes = 0;
  let broken = 0;
  for (let p = 0; p < pages; p++) {
    const t = Math.floor(p / 5);
    const out = [`Tutorial page ${p}`, '='.repeat(`Tutorial page ${p}`.length), '', sentence(), '', `.. include:: /reuse/setup-${p % fragments}.rst`, ''];
    let region = (p % 5) * 8;
    const sections = 5;
    for (let s = 0; s < sections; s++) {
      const title = `Step ${s + 1}: ${words(3)}`;
      out.push(title, '-'.repeat(title.length), '', sentence(), sentence(), '');
      for (let k = 0; k < 5; k++) {
        const r = region % REGIONS;
        region++;
        let startAfter = `[docs:step-${r}]`;
        let target = `/code/t${t}/task.yaml`;
        let extra = '';
        if (rand() < 0.01) {
          broken++;
          const kind = Math.floor(rand() * 3);
          if (kind === 0) startAfter = `[docs:step-${r}-renamed]`;
          else if (kind === 1) target = `/code/t${t}/missing.yaml`;
          else extra = '   :dedent: -1\n';
        }
        literalincludes++;
        const directive = `.. literalinclude:: ${target}\n   :language: bash\n   :start-after: ${startAfter}\n   :end-before: [docs:step-${r}-end]\n   :dedent: 2\n${extra}`;
        const shape = k % 5;
        if (shape === 1) {
          out.push('.. note::', '', `   ${sentence()}`, '', ...directive.split('\n').map((l) => (l ? '   ' + l : l)), '');
        } else if (shape === 3) {
          out.push('.. dropdown:: Show the commands', '', ...directive.split('\n').map((l) => (l ? '   ' + l : l)), '');
        } else {
          out.push(directive);
        }
        out.push(sentence(), '');
      }
      if (s === 2) {
        literalincludes++;
        out.push(`.. literalinclude:: /code/t${t}/app.py`, '   :language: python', `   :lines: ${1 + (p % 10)}-${12 + (p % 10)}`, '   :caption: app.py', '');
        out.push('.. tab-set::', '', '   .. tab-item:: Ubuntu', '', '      .. code-block:: bash', '', '         sudo apt install python3-venv', '', '   .. tab-item:: macOS', '', '      .. code-block:: bash', '', '         brew install python', '');
      }
      out.push('.. terminal::', '   :input: juju status', '', `   Model  Controller  Cloud/Region  Version`, `   tutorial-${p}  dev  microk8s/localhost  3.6.4`, '');
    }
    write(`tutorials/part${p % 50}/page-${p}.rst`, out.join('\n') + '\n');
  }
  return { pages, files, bytes, literalincludes, broken };
}
