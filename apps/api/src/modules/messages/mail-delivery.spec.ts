import { retryDelaySeconds } from './mail-delivery.service';

describe('retryDelaySeconds', () => {
  it('waits the base after the first failure, then twice as long each time', () => {
    expect([1, 2, 3, 4, 5].map((attempts) => retryDelaySeconds(attempts, 60))).toEqual([60, 120, 240, 480, 960]);
  });
});
