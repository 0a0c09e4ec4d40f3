import { readFileSync } from 'node:fs';

/** The version in package.json (dist/ sits one level below it). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
