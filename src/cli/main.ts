// Yardstick command line: the same metric core as the browser, so CI gets the same numbers.
// Usage: npm run --silent cli -- <command> FILE [options]
const COMMANDS: Record<
  string,
  { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }
> = {
  score: { summary: 'BLEU, chrF, ROUGE and exact match over a file', load: () => import('./score') },
  perplexity: {
    summary: 'perplexity of texts under a causal LM (ONNX, transformers.js)',
    load: () => import('./perplexity'),
  },
  judge: { summary: 'LLM-as-judge grading with a rubric', load: () => import('./judge') },
  inspect: {
    summary: "what a file is: format, rows, systems and fields (the page's detection)",
    load: () => import('./inspect'),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`);
  return `Usage: yardstick <command> FILE [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'yardstick <command> --help' for options.\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`yardstick: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`yardstick: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
