// Errors that steer a job: permanent ones fail it at once (and stay inspectable among failed jobs);
// anything else is retried with exponential backoff.
import { UnrecoverableError } from 'bullmq';

/** A job that can never succeed as it is (bad payload, missing record). Not retried. */
export class PermanentJobError extends UnrecoverableError {
  override name = 'PermanentJobError';
}
