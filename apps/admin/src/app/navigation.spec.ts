import { homeFor, navFor } from './navigation';

describe('homeFor', () => {
  it("lands each role on its own work: clinician's review queue, nurse's day list, the front desk's patients", () => {
    expect(homeFor({ roles: ['CLINICIAN'] })).toBe('/review-queue');
    expect(homeFor({ roles: ['NURSE'] })).toBe('/today');
    expect(homeFor({ roles: ['SCHEDULER'] })).toBe('/patients');
  });
  it('puts the review queue first for a nurse who is also a clinician, and an admin on the first page they can use', () => {
    expect(homeFor({ roles: ['NURSE', 'CLINICIAN'] })).toBe('/review-queue');
    expect(homeFor({ roles: ['ADMIN'] })).toBe(navFor({ roles: ['ADMIN'] })[0].to);
    expect(homeFor({ roles: [] })).toBe('/no-access');
  });
});
