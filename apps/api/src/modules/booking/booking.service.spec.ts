import { DomainError } from '../../common/errors/domain-error';
import { bookingKit, PATIENT_ID } from '../../testing/booking-fakes';
import { CLINIC_ID, meta, scheduler } from '../../testing/fakes';

const caller = { actor: scheduler, meta };
const days = ['2031-03-03'];

describe('BookingService.lockAndGate', () => {
  it('takes the clinic lock, then the patient lock, then consults the gate inside the transaction', async () => {
    const t = bookingKit();
    const gate = await t.transactions.withTransaction(() => t.booking.lockAndGate(CLINIC_ID, PATIENT_ID, days, caller));
    expect(gate).toEqual({ ok: true, screeningIds: t.eligibility.screeningIds });
    expect(t.eligibility.consulted).toEqual([
      { dates: days, locksHeld: [`booking:${CLINIC_ID}`, `eligibility:${PATIENT_ID}`], inTransaction: true },
    ]);
  });

  it('returns a NOT_ELIGIBLE refusal, so the gate’s audit row commits', async () => {
    const t = bookingKit();
    t.eligibility.refuse = true;
    const gate = await t.transactions.withTransaction(() => t.booking.lockAndGate(CLINIC_ID, PATIENT_ID, days, caller));
    expect(gate).toMatchObject({ ok: false, reason: 'NOT_ELIGIBLE', error: { code: 'NOT_ELIGIBLE' } });
    expect(t.audit.summary()).toEqual(['READ Eligibility']);
  });

  it('lets every other error through', async () => {
    const t = bookingKit();
    t.eligibility.gate = async () => {
      throw new DomainError('NOT_FOUND', 'No such patient in this clinic.');
    };
    await expect(
      t.transactions.withTransaction(() => t.booking.lockAndGate(CLINIC_ID, PATIENT_ID, days, caller)),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to run outside a transaction, where an advisory lock would end at once', async () => {
    const t = bookingKit();
    await expect(t.booking.lockAndGate(CLINIC_ID, PATIENT_ID, days, caller)).rejects.toThrow(
      /inside the booking transaction/,
    );
    expect(t.locks.taken).toEqual([]);
  });
});
