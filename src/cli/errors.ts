/** A mistake in how secreview was called or configured: reported as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;
