/** The conversation for one review request: a system prompt and the user turns, in order. */
import type { LineRange } from '../claim.js';
import { mergeSegments, numberedCode } from './code.js';
import { basicPrompt, commitContextPrompt, commitReviewPrompt, cwePrompt, pillarsPrompt, rolePrompt } from './study.js';
import { codeNonce, fencedCode, structuredSystem } from './structured.js';

export const PROMPT_STRATEGIES = ['structured', 'basic', 'role', 'cwe', 'pillars', 'commit'] as const;
export type PromptStrategy = (typeof PROMPT_STRATEGIES)[number];

/** The part of a file one request covers: `focus` is what it reviews, `segments` what it shows. */
export interface Chunk {
  focus: LineRange;
  segments: LineRange[];
}

export interface ReviewPromptInput {
  strategy: PromptStrategy;
  path: string;
  language: string;
  lines: string[];
  chunk: Chunk;
  withheld: ReadonlyMap<number, string>;
  project?: string;
  commitMessage?: string;
  injectionCwe: number;
}

export interface Conversation {
  /** Empty for the study's prompts, which had none. */
  system: string;
  /** User turns; each after the first follows the model's answer to the one before. */
  turns: string[];
}

export function reviewConversation(input: ReviewPromptInput): Conversation {
  const numbered = numberedCode(input.lines, input.chunk.segments, input.withheld);
  const partial = isPartial(input.chunk, input.lines.length);
  const scope = partial
    ? `This is part of the file ${input.path}. Review lines ${input.chunk.focus.start}-${input.chunk.focus.end}; the other lines are shown for context and "..." marks lines left out.\n\n`
    : '';
  switch (input.strategy) {
    case 'structured': {
      const nonce = codeNonce(numbered);
      const header = [
        input.project ? `Project: ${input.project}` : undefined,
        `File: ${input.path} (${input.language})`,
        input.commitMessage ? `Commit message of the change (context only, also untrusted):\n${input.commitMessage.trim()}` : undefined,
      ].filter(Boolean);
      return { system: structuredSystem(nonce, input.injectionCwe), turns: [`${header.join('\n')}\n\n${scope}${fencedCode(nonce, numbered)}`] };
    }
    case 'basic':
      return { system: '', turns: [`${basicPrompt()}\n\n${scope}${numbered}`] };
    case 'role':
      return { system: '', turns: [`${rolePrompt(input.project ?? 'this project')}\n\n${scope}${numbered}`] };
    case 'cwe':
      return { system: '', turns: [`${cwePrompt()}\n\n${scope}${numbered}`] };
    case 'pillars':
      return { system: '', turns: [`${pillarsPrompt()}\n\n${scope}${numbered}`] };
    case 'commit':
      return { system: '', turns: [`${commitContextPrompt(input.commitMessage ?? '')}\n\n${scope}${numbered}`, commitReviewPrompt()] };
  }
}

function isPartial(chunk: Chunk, lineCount: number): boolean {
  const shown = mergeSegments(chunk.segments);
  return !(shown.length === 1 && shown[0].start === 1 && shown[0].end >= lineCount);
}
