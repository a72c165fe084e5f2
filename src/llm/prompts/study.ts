/**
 * The five prompts of the published study of LLMs in security code review (Yu et al., "An Insight
 * into Security Code Review with LLMs", arXiv:2401.16310), which the seed reviews answer:
 *
 * 1. basic — review for security defects, give each with its line number and a solution, or state
 *    the no-defects sentence;
 * 2. role — the same, asked of a code reviewer of the named project;
 * 3. cwe — with CWE as the reference standard;
 * 4. pillars — with the numbered list of the ten CWE-1000 pillars (the prompt behind the seeds);
 * 5. commit — two turns: infer the change's context from its commit message, then review step by
 *    step (chain of thought).
 *
 * As in the study there is no system prompt and the code follows the request, numbered `<n> <line>`.
 */
import { pillars } from '../../core/cwe.js';

export const NO_DEFECTS_SENTENCE = 'No security defects are detected in the code';

const ASK =
  'If any are found, please describe each security defect in detail, indicating the corresponding line number of code and a solution. ' +
  `If none are found, please state: "${NO_DEFECTS_SENTENCE}".`;

export function basicPrompt(): string {
  return `Please review the code below for security defects. ${ASK}`;
}

export function rolePrompt(project: string): string {
  return `I want you to act as a code reviewer of ${project}. ${basicPrompt()}`;
}

export function cwePrompt(): string {
  return `Please review the code below for security defects using the CWE (Common Weakness Enumeration) as a reference standard. ${ASK}`;
}

export function pillarsPrompt(): string {
  // The pillar names come from the catalog, so the list always matches the CWE version shipped.
  const list = pillars()
    .map((p, i) => `${i + 1}.CWE-${p.id} (${p.name})`)
    .join('\n');
  return `${cwePrompt()} You can consider defect types in terms of:\n${list}`;
}

export function commitContextPrompt(commitMessage: string): string {
  return (
    'The following is the commit message of a code change, followed by the code after the change.\n' +
    `Commit message:\n${commitMessage.trim()}\n\n` +
    'First, please infer the context of this change from its commit message and the code: what the change is for, ' +
    'which components and inputs it involves, and where security could be at stake. Do not review the code yet.'
  );
}

export function commitReviewPrompt(): string {
  return `Based on the context you inferred, please review the code step by step for security defects. ${ASK}`;
}
