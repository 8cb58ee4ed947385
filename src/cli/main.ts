import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { benchCommand, BENCH_USAGE } from './bench-command.ts';
import { classifyCommand, CLASSIFY_USAGE } from './classify-command.ts';
import { UsageError, type CliIo } from './cli-io.ts';
import { evalCommand, EVAL_USAGE } from './eval-command.ts';
import { fuzzCommand, FUZZ_USAGE } from './fuzz-command.ts';
import { onlineCommand, ONLINE_USAGE } from './online-command.ts';
import { trainCommand, TRAIN_USAGE } from './train-command.ts';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  classify: { run: classifyCommand, usage: CLASSIFY_USAGE },
  train: { run: trainCommand, usage: TRAIN_USAGE },
  eval: { run: evalCommand, usage: EVAL_USAGE },
  online: { run: onlineCommand, usage: ONLINE_USAGE },
  bench: { run: benchCommand, usage: BENCH_USAGE },
  fuzz: { run: fuzzCommand, usage: FUZZ_USAGE },
};

const USAGE = `Tagwise command line: tag mail SAFE, SPAM or THREAT with a small local network.

${Object.values(COMMANDS)
  .map((c) => c.usage)
  .join('\n\n')}
`;

/** Runs one command line; returns the exit code. Errors a user can act on are one line, not a stack. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout).write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`tagwise: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`tagwise ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    const { name: kind, message } = error as Error;
    const expected = ['LabelsFileError', 'ModelLoadError', 'InvalidRecordError'].includes(kind);
    io.stderr.write(expected ? `tagwise ${name}: ${message}\n` : `tagwise ${name}: ${(error as Error).stack ?? message}\n`);
    return 1;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  return script !== undefined && import.meta.url === pathToFileURL(realpathSync(script)).href;
}

// Run only as the program, not when a test imports this module.
if (isEntryPoint()) {
  // `tagwise classify ... | head` closes the pipe early; that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
}
