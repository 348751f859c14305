// The catalogue every clinic starts with: version 1 of the screening templates and protocols from
// libs/domain. Applied at start-up (and into the test template database); existing versions are
// left alone, since published versions never change.
import type { PrismaClient } from '@prisma/client';
import { PROTOCOL_CATALOGUE, SCREENING_TEMPLATES } from '@cadence/domain';

export async function ensureCatalogue(prisma: PrismaClient): Promise<void> {
  await prisma.screeningTemplate.createMany({
    data: SCREENING_TEMPLATES.map((t) => ({
      key: t.key,
      kind: t.kind,
      version: t.version,
      title: t.title,
      definition: JSON.parse(JSON.stringify(t)),
    })),
    skipDuplicates: true,
  });
  await prisma.protocol.createMany({
    data: PROTOCOL_CATALOGUE.map((p) => ({
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
