import type { Logger } from '@nestjs/common';
import { Periodic } from './periodic';

const quietLogger = () => ({ error: jest.fn() }) as unknown as Logger & { error: jest.Mock };

describe('Periodic', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at start and then at every interval, never two passes at once', async () => {
    let running = 0;
    let most = 0;
    let passes = 0;
    let finish: () => void = () => undefined;
    const periodic = new Periodic(
      'test',
      () =>
        new Promise<void>((resolve) => {
          passes++;
          most = Math.max(most, ++running);
          finish = () => {
            running--;
            resolve();
          };
        }),
      quietLogger(),
    );
    periodic.start(1000);
    expect(passes).toBe(1);
    jest.advanceTimersByTime(3000);
    expect(passes).toBe(1);
    finish();
    await jest.advanceTimersByTimeAsync(1000);
    expect(passes).toBe(2);
    expect(most).toBe(1);
    const stopped = periodic.stop();
    finish();
    await stopped;
    jest.advanceTimersByTime(5000);
    expect(passes).toBe(2);
  });

  it("logs a failed pass by the error's class only and goes on", async () => {
    const logger = quietLogger();
    let passes = 0;
    const periodic = new Periodic(
      'test',
      async () => {
        passes++;
        throw new Error('row (jane@example.org) refused');
      },
      logger,
    );
    periodic.start(1000);
    await periodic.stop();
    expect(logger.error).toHaveBeenCalledWith(
      { task: 'test', error: expect.objectContaining({ errorClass: 'Error' }) },
      'Pass failed',
    );
    expect(JSON.stringify(logger.error.mock.calls)).not.toContain('jane@');
    expect(passes).toBe(1);
  });
});
