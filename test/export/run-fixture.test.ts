// The exported fixture tutorial, run for real under bash with stub commands:
// every tool the tutorial calls (juju, rockcraft, charmcraft, sudo, curl,
// pip, …) is a stub that logs its arguments. The log must be the tutorial's
// command sequence, written out here by hand from the page, and the files the
// page has the reader create must hold what the page shows.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const code = join(repo, 'fixtures/tutorial/tutorial/code/fastapi');

async function exportScript(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main({ argv: ['export', ...args], cwd: repo, env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false });
  return { code: status, stdout, stderr };
}

/** The commands of the tutorial page, in order, as the stubs log them (`dpkg` answers `amd64`). */
const ARCH = ['dpkg --print-architecture'];
const EXPECTED = [
  // reuse/tutorial/setup_edge.rst, included under "Prepare your environment"
  'sudo snap install multipass',
  'multipass launch --name charm-dev charm-dev',
  'multipass shell charm-dev',
  'sudo snap refresh rockcraft --channel=latest/edge --classic',
  'sudo snap refresh charmcraft --channel=latest/edge --classic',
  'sudo snap refresh juju --channel=3/edge',
  'sudo snap refresh microk8s --channel=1.32-strict/edge',
  'sudo microk8s enable hostpath-storage registry ingress',
  'juju bootstrap microk8s tutorial-controller',
  'rockcraft --version',
  'charmcraft --version',
  'juju version',
  'sudo microk8s status --wait-ready',
  // the project and its virtual environment
  'sudo apt-get update',
  'sudo apt-get install -y python3-venv',
  'python3 -m venv .venv',
  'pip install -r requirements.txt',
  'fastapi dev --port 8080 app.py',
  'curl localhost:8080',
  // the rock
  'rockcraft init --profile fastapi-framework',
  'dpkg --print-architecture',
  'less rockcraft.yaml',
  'rockcraft pack',
  ...ARCH,
  'rockcraft.skopeo --insecure-policy copy --dest-tls-verify=false oci-archive:fastapi-hello-world_0.1_amd64.rock docker://localhost:32000/fastapi-hello-world:0.1',
  // the charm
  'charmcraft init --profile fastapi-framework --name fastapi-hello-world',
  'less charmcraft.yaml',
  'charmcraft pack',
  'juju add-model fastapi-hello-world',
  ...ARCH,
  'juju set-model-constraints -m fastapi-hello-world arch=amd64',
  ...ARCH,
  'juju deploy ./fastapi-hello-world_ubuntu-24.04-amd64.charm fastapi-hello-world --resource app-image=localhost:32000/fastapi-hello-world:0.1',
  'juju status --watch 5s',
  'juju status',
  'juju deploy nginx-ingress-integrator --channel=latest/stable --trust',
  'juju integrate nginx-ingress-integrator fastapi-hello-world',
  'juju config nginx-ingress-integrator service-hostname=fastapi-hello-world path-routes=/',
  'curl --resolve fastapi-hello-world:80:127.0.0.1 http://fastapi-hello-world/',
  // greeting: new app.py, rock 0.2, config option, refresh
  'rockcraft pack',
  ...ARCH,
  'rockcraft.skopeo --insecure-policy copy --dest-tls-verify=false oci-archive:fastapi-hello-world_0.2_amd64.rock docker://localhost:32000/fastapi-hello-world:0.2',
  'charmcraft pack',
  ...ARCH,
  'juju refresh fastapi-hello-world --path=./fastapi-hello-world_ubuntu-24.04-amd64.charm --resource app-image=localhost:32000/fastapi-hello-world:0.2',
  'juju config fastapi-hello-world greeting',
  'curl --resolve fastapi-hello-world:80:127.0.0.1 http://fastapi-hello-world/',
  'juju config fastapi-hello-world greeting=Hi there!',
  'curl --resolve fastapi-hello-world:80:127.0.0.1 http://fastapi-hello-world/',
  // database: migrate.py, rock 0.3, requires, refresh, integrate
  'rockcraft pack',
  ...ARCH,
  'rockcraft.skopeo --insecure-policy copy --dest-tls-verify=false oci-archive:fastapi-hello-world_0.3_amd64.rock docker://localhost:32000/fastapi-hello-world:0.3',
  'charmcraft pack',
  ...ARCH,
  'juju refresh fastapi-hello-world --path=./fastapi-hello-world_ubuntu-24.04-amd64.charm --resource app-image=localhost:32000/fastapi-hello-world:0.3',
  'juju deploy postgresql-k8s --channel=14/stable --trust',
  'juju integrate fastapi-hello-world postgresql-k8s',
  'curl --resolve fastapi-hello-world:80:127.0.0.1 http://fastapi-hello-world/',
  'curl --resolve fastapi-hello-world:80:127.0.0.1 http://fastapi-hello-world/visitors',
  // the terminal block's two inputs
  'curl http://fastapi-hello-world --resolve fastapi-hello-world:80:127.0.0.1',
  'curl http://fastapi-hello-world/visitors --resolve fastapi-hello-world:80:127.0.0.1',
  // clean up (the `exit` that leaves the VM is not run)
  'multipass stop charm-dev',
  'multipass delete --purge charm-dev',
  'deactivate',
  'rm -rf charm .venv __pycache__',
  'rm -f fastapi-hello-world_*.rock rockcraft.yaml app.py migrate.py requirements.txt',
  'juju destroy-model fastapi-hello-world --destroy-storage --no-prompt',
];

const STUBS = ['sudo', 'multipass', 'rockcraft', 'rockcraft.skopeo', 'charmcraft', 'juju', 'python3', 'pip', 'fastapi', 'curl', 'dpkg', 'less', 'rm'];

describe('the exported fixture tutorial, run with stub commands', () => {
  const work = mkdtempSync(join(tmpdir(), 'docsnip-export-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const home = join(work, 'home');
  const bin = join(work, 'bin');
  const log = join(work, 'log');
  mkdirSync(home);
  mkdirSync(bin);
  for (const name of STUBS) {
    let body = 'printf \'%s\\n\' "$(basename "$0") $*" >> "$DOCSNIP_LOG"\n';
    if (name === 'dpkg') body += 'echo amd64\n';
    // A virtual environment whose activate script defines deactivate.
    if (name === 'python3') body += 'if [ "$1" = -m ] && [ "$2" = venv ]; then mkdir -p "$3/bin"; echo \'deactivate() { printf "deactivate\\n" >> "$DOCSNIP_LOG"; }\' > "$3/bin/activate"; fi\n';
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}`);
    chmodSync(join(bin, name), 0o755);
  }

  it('runs every command of the page in order and writes every file the page shows', async () => {
    const r = await exportScript(['fixtures/tutorial/tutorial/kubernetes-charm-fastapi.rst', '--pipefail']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const script = join(work, 'tutorial.sh');
    writeFileSync(script, r.stdout);
    const run = spawnSync('bash', [script], {
      cwd: work,
      encoding: 'utf8',
      env: { HOME: home, PATH: `${bin}:/usr/bin:/bin`, DOCSNIP_LOG: log },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(log, 'utf8').trimEnd().split('\n')).toEqual(EXPECTED);
    const project = join(home, 'fastapi-hello-world');
    const read = (p: string): string => readFileSync(p, 'utf8');
    expect(read(join(project, 'requirements.txt'))).toBe(read(join(code, 'requirements.txt')));
    // app.py is written three times (the last one named by the dropdown around the block); the last one stays.
    expect(read(join(project, 'app.py'))).toBe(read(join(code, 'visitors_app.py')));
    expect(read(join(project, 'migrate.py'))).toBe(read(join(code, 'visitors_migrate.py')));
    // The page says to append both blocks to charmcraft.yaml (the stub `charmcraft init` writes nothing).
    expect(read(join(project, 'charm/charmcraft.yaml'))).toBe(read(join(code, 'greeting_charmcraft.yaml')) + read(join(code, 'visitors_charmcraft.yaml')));
  });

  it('passes bash -n, as the MyST version does', async () => {
    for (const page of ['fixtures/tutorial/tutorial/kubernetes-charm-fastapi.rst', 'fixtures/tutorial-myst/tutorial/kubernetes-charm-fastapi.md']) {
      const r = await exportScript([page]);
      expect(r.code).toBe(0);
      const check = spawnSync('bash', ['-n'], { input: r.stdout, encoding: 'utf8' });
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    }
  });

  it('exports the same steps from the MyST translation', async () => {
    const rst = await exportScript(['fixtures/tutorial/tutorial/kubernetes-charm-fastapi.rst']);
    const md = await exportScript(['fixtures/tutorial-myst/tutorial/kubernetes-charm-fastapi.md']);
    const commands = (s: string) => s.split('\n').filter((l) => !l.startsWith('#'));
    expect(commands(md.stdout)).toEqual(commands(rst.stdout));
  });
});
