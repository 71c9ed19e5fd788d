// Once per test run: the end-to-end tests need the built web app (rebuilt only when stale).
import { execFileSync } from 'node:child_process';

export default function setup() {
  execFileSync(process.execPath, ['scripts/ensure-web.ts'], { stdio: 'inherit' });
}
