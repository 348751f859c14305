// Seeds the demo clinic into DATABASE_URL (migrated already): `npx tsx prisma/seed-cli.ts`.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { seedDemoClinic } from './seed';

async function main(): Promise<void> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error(
      'DATABASE_URL is not set: give the PostgreSQL database to seed, e.g. postgresql://user@localhost:5432/cadence',
    );
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    const { seeded, logins } = await seedDemoClinic(prisma, connectionString);
    console.log(seeded ? 'Seeded the demo clinic. Logins:' : 'A clinic already exists; nothing seeded. Demo logins:');
    for (const { role, email, password } of logins) {
      console.log(`  ${role.padEnd(10)} ${email.padEnd(32)} ${password}`);
    }
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
