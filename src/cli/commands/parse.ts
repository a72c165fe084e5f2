import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { Command, Option } from 'commander';
import { detectLanguage } from '../../languages/language.js';
import { checkAnswer, renderAnswerCheck } from '../../llm/answer-check.js';
import { llmSource } from '../../llm/source.js';
import { EXIT, UsageError } from '../errors.js';
import { writeOutput } from '../output.js';

interface ParseFlags {
  source: string;
  format: 'text' | 'json';
  model?: string;
  output?: string;
}

export function registerParse(program: Command, setExit: (code: number) => void): void {
  program
    .command('parse')
    .description('turn a free-text or JSON LLM security review into findings, each checked against the source file')
    .argument('<response>', 'the model answer to read (- for standard input)')
    .requiredOption('--source <file>', 'the file the answer reviews')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--model <provider:model>', 'who wrote the answer, for the findings\' engine name (default: unknown)')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .action((response: string, flags: ParseFlags) => {
      const answer = read(response === '-' ? 0 : response, response === '-' ? 'standard input' : response);
      const text = read(flags.source, flags.source);
      const path = relative(process.cwd(), resolve(flags.source)).split(sep).join('/');
      const source = llmSource(path, detectLanguage(flags.source, text.slice(0, 256)), text);
      const engine = `llm:${(flags.model ?? 'unknown:unknown').replace(':', '/')}`;
      const check = checkAnswer(answer, source, engine);
      if (check.kind === 'unparsed') {
        throw new UsageError(`${response}: the answer is neither findings in JSON, nor a numbered review, nor "No security defects are detected in the code."`);
      }
      writeOutput(flags.format === 'json' ? JSON.stringify(check, null, 2) + '\n' : renderAnswerCheck(check), flags.output);
      setExit(EXIT.clean);
    });
}

function read(file: string | 0, shown: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
