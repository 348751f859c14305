import { ArgumentsHost, Logger } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { ProblemFilter } from './problem.filter';

describe('ProblemFilter on an unexpected error', () => {
  const reply = { status: () => reply, header: () => reply, send: jest.fn() };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ url: '/api/patients', id: 'req-1' }), getResponse: () => reply }),
  } as unknown as ArgumentsHost;

  it('logs the class, code, model and target of a database error, never its message or values', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const error = new Prisma.PrismaClientKnownRequestError(
      'Unique constraint failed: Key ("clinicId", mrn)=(c1, SECRET-MRN) already exists. givenName: "Secretname"',
      {
        code: 'P2002',
        clientVersion: '6.19.3',
        meta: {
          modelName: 'Patient',
          target: ['clinicId', 'mrn'],
          driverAdapterError: { code: '23505', detail: 'Key (mrn)=(SECRET-MRN) already exists', constraint: 'x' },
        },
      },
    );
    new ProblemFilter().catch(error, host);
    expect(logged).toHaveBeenCalledTimes(1);
    const [entry] = logged.mock.calls[0] as [Record<string, unknown>];
    expect(entry).toMatchObject({
      correlationId: 'req-1',
      error: {
        errorClass: 'PrismaClientKnownRequestError',
        code: 'P2002',
        model: 'Patient',
        target: ['clinicId', 'mrn'],
      },
    });
    expect(JSON.stringify(logged.mock.calls)).not.toMatch(/SECRET|Secretname|already exists/);
    expect(reply.send).toHaveBeenCalledWith(expect.objectContaining({ status: 500, code: 'INTERNAL' }));
  });
});
