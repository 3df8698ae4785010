// The browser tests drive Debian's Chromium (never a downloaded browser). On a
// fresh machine where we are root, install it; otherwise say loudly what is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Debian chromium for the browser tests (once per machine)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    console.warn(
      `\n!!! ${CHROMIUM} is missing and this user cannot apt-get it: the browser tests will fail.\n!!! Run: sudo apt-get install -y chromium\n`,
    );
  }
}
