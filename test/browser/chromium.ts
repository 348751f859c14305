// Which Chromium the browser tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the
// one shipped inside the @sparticuz/chromium npm package (unpacked into the temporary folder on first
// use), so `npm test` needs no browser installed on the machine.
import { existsSync } from 'node:fs';

export interface ChromiumLaunch {
  executablePath: string;
  args: string[];
}

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const SYSTEM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/**
 * Flags of the package's serverless list that weaken what the tests check (same-origin and mixed
 * content rules) or that suit one-page lambdas rather than a browser opening a context per test.
 */
const UNWANTED_PACKAGED_ARGS = new Set([
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
  '--single-process',
  '--no-zygote',
]);

export async function resolveChromium(): Promise<ChromiumLaunch> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH names ${configured}, which does not exist`);
    return { executablePath: configured, args: SYSTEM_ARGS };
  }
  if (existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, args: SYSTEM_ARGS };
  // ESM-only; a specifier in a variable keeps it out of the CommonJS (node10) type check.
  const specifier = '@sparticuz/chromium';
  const { default: packaged } = (await import(specifier)) as {
    default: { executablePath(): Promise<string>; args: string[] };
  };
  return {
    executablePath: await packaged.executablePath(),
    args: packaged.args.filter((arg) => !UNWANTED_PACKAGED_ARGS.has(arg)),
  };
}

/** Passes the choice from the global setup to the test files (jest workers) through the env. */
export const CHROMIUM_ENV = 'CADENCE_E2E_CHROMIUM';
