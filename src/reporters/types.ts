import type { ReviewResult } from '../core/review-result.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour; only ever true when writing to a TTY. */
  color: boolean;
  /**
   * Base URL of the reviewed tree at the reviewed commit, e.g.
   * `https://github.com/owner/repo/blob/<sha>`; markdown and html then link each location to
   * `<sourceUrl>/<path>#L<start>-L<end>`.
   */
  sourceUrl?: string;
}

/** A reporter turns a finished review into text; it never analyses, filters or reorders findings. */
export type Reporter = (result: ReviewResult, options: RenderOptions) => string;
