import type { Logger } from '@nestjs/common';
import { summarizeError } from '../errors/error-log';

/**
 * Background work of one instance: runs `work` at start and then every `everyMs`, never two passes
 * at once (a pass still going when the timer fires is left to finish). What keeps several instances
 * from doing the same work twice is in PostgreSQL (claims, SKIP LOCKED), not here.
 */
export class Periodic {
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(everyMs: number): void {
    this.timer = setInterval(() => this.runOnce(), everyMs);
    // The timer alone never keeps the process alive (tests, shutdown).
    this.timer.unref();
    this.runOnce();
  }

  /** Stops the timer and waits for a pass in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.pass;
  }

  private runOnce(): void {
    if (this.pass) return;
    this.pass = this.work()
      .then(() => undefined)
      // Only the error's class and codes: a driver's message can quote row values.
      .catch((error: unknown) => this.logger.error({ task: this.name, error: summarizeError(error) }, 'Pass failed'))
      .finally(() => {
        this.pass = undefined;
      });
  }
}
