// Retries a transient failure with exponential backoff and jitter; permanent failures pass straight through.
import { isRetryable } from './errors.js';

export interface RetryOptions {
  /** Total attempts including the first. Default 3. */
  attempts?: number;
  /** First delay in ms; doubles each attempt. Default 250. */
  baseMs?: number;
  /** Longest single delay in ms. Default 5000. */
  maxMs?: number;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 3;
  const baseMs = options.baseMs ?? 250;
  const maxMs = options.maxMs ?? 5000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!isRetryable(error) || attempt >= attempts) throw error;
      // Full jitter keeps many workers that failed together from retrying together.
      const delay = Math.min(maxMs, baseMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      options.onRetry?.(error, attempt, delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
