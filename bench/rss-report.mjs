// Preloaded into a benchmarked command (node --import): writes its peak resident memory (KiB) to $RSS_REPORT on exit.
import { writeFileSync } from 'node:fs';

const out = process.env.RSS_REPORT;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
