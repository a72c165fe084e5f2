import type { ReviewResult } from '../core/review-result.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour; only ever true when writing to a TTY. */
  color: boolean;
}

/** A reporter turns a finished review into text; it never analyses, filters or reorders findings. */
export type Reporter = (result: ReviewResult, options: RenderOptions) => string;
