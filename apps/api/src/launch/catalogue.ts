// The catalogue every clinic starts with: version 1 of the screening templates and protocols from
// libs/domain, written into each clinic's own catalogue. Applied at start-up to every clinic and
// when a clinic is created; existing versions are left alone, since published versions never change.
import type { Prisma, PrismaClient } from '@prisma/client';
import { PROTOCOL_CATALOGUE, SCREENING_TEMPLATES } from '@cadence/domain';

/** What seeding needs of a client: the plain client or an open transaction. */
export type CatalogueDb = Pick<Prisma.TransactionClient, 'screeningTemplate' | 'protocol'>;

/** Gives one clinic the catalogue's versions it does not have yet. */
export async function seedClinicCatalogue(db: CatalogueDb, clinicId: string): Promise<void> {
  await db.screeningTemplate.createMany({
    data: SCREENING_TEMPLATES.map((t) => ({
      clinicId,
      key: t.key,
      kind: t.kind,
      version: t.version,
      title: t.title,
      definition: JSON.parse(JSON.stringify(t)),
    })),
    skipDuplicates: true,
  });
  await db.protocol.createMany({
    data: PROTOCOL_CATALOGUE.map((p) => ({
      clinicId,
      key: p.key,
      version: p.version,
      name: p.name,
      route: p.route,
      setting: p.setting,
      definition: JSON.parse(JSON.stringify(p)),
    })),
    skipDuplicates: true,
  });
}

/** Every clinic's catalogue, including templates and protocols added to libs/domain since it was made. */
export async function ensureCatalogue(prisma: PrismaClient): Promise<void> {
  const clinics = await prisma.clinic.findMany({ select: { id: true }, orderBy: { createdAt: 'asc' } });
  for (const clinic of clinics) await seedClinicCatalogue(prisma, clinic.id);
}
