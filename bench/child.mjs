// Runs the docsnip CLI in this process (its output discarded) and writes
// the process's CPU time and peak memory to $DOCSNIP_BENCH_OUT.
import { writeFileSync } from 'node:fs';
import { main } from '../dist/cli/main.js';

const code = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdout: () => {},
  stderr: () => {},
  isTTY: false,
});
const ru = process.resourceUsage();
writeFileSync(process.env.DOCSNIP_BENCH_OUT, JSON.stringify({ code, user: ru.userCPUTime / 1000, system: ru.systemCPUTime / 1000, maxRSS: ru.maxRSS / 1024 }));
