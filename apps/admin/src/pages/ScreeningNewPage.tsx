import { Anchor, Card, SimpleGrid, Stack, Text } from '@mantine/core';
import { SCREENING_KINDS, type ScreeningKind } from '@cadence/domain';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { usePatient } from '../features/patients/hooks/usePatients';
import type { ScreeningTemplateRecord } from '../features/screening/api/types';
import { ScreeningForm } from '../features/screening/components/ScreeningForm';
import { useScreeningTemplates } from '../features/screening/hooks/useScreenings';
import { KIND_DESCRIPTIONS, KIND_LABELS } from '../features/screening/labels';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';
import { isMissingRecord, PatientNotFound } from './NotFoundPage';
import type { ScreeningPageState } from './ScreeningPage';

/** The newest published version of each checklist. */
function currentTemplates(items: readonly ScreeningTemplateRecord[]): Map<ScreeningKind, ScreeningTemplateRecord> {
  const byKind = new Map<ScreeningKind, ScreeningTemplateRecord>();
  for (const t of items) {
    const seen = byKind.get(t.kind);
    if (!seen || t.version > seen.version) byKind.set(t.kind, t);
  }
  return byKind;
}

/** New screening for a patient: choose the checklist, then fill it in (saved on the first save). */
export function ScreeningNewPage() {
  const { patientId = '' } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const patient = usePatient(patientId, { refetchOnWindowFocus: false });
  const templates = useScreeningTemplates();
  const kind = search.get('kind') as ScreeningKind | null;

  const back = (
    <Anchor component={Link} to={`/patients/${patientId}`} size="sm">
      ← {patient.data ? `${patient.data.familyName}, ${patient.data.givenName}` : 'Patient'}
    </Anchor>
  );

  if (patient.isPending || templates.isPending) return <CenteredLoader label="Loading the screening checklists" />;
  if (isMissingRecord(patient.error)) return <PatientNotFound />;
  if (patient.isError || templates.isError) {
    const error = patient.error ?? templates.error;
    return (
      <>
        <PageHeader above={back} title="New screening" />
        <QueryError
          error={error}
          onRetry={() => void (patient.isError ? patient.refetch() : templates.refetch())}
          title="Could not start a screening"
        />
      </>
    );
  }

  const p = patient.data;
  const available = currentTemplates(templates.data.items);
  const chosen = kind ? available.get(kind) : undefined;

  if (!chosen) {
    return (
      <>
        <PageHeader above={back} title="New screening" description={`${p.familyName}, ${p.givenName} · MRN ${p.mrn}`} />
        <Text mb="md">Choose the checklist to record:</Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          {SCREENING_KINDS.filter((k) => available.has(k)).map((k) => (
            <Card
              key={k}
              component={Link}
              to={`?kind=${k}`}
              aria-label={`${KIND_LABELS[k]} screening`}
              withBorder
              radius="md"
              padding="lg"
              className="screening-choice"
            >
              <Stack gap={6}>
                <Text fw={650} size="lg" c="cadence.9">
                  {KIND_LABELS[k]}
                </Text>
                <Text size="sm" c="dimmed">
                  {KIND_DESCRIPTIONS[k]}
                </Text>
                <Text size="xs" c="dimmed">
                  Version {available.get(k)?.version}
                </Text>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
        {available.size === 0 && <Text c="dimmed">No screening checklist has been published.</Text>}
      </>
    );
  }

  return (
    <>
      <PageHeader
        above={back}
        title={chosen.title}
        description={`${p.familyName}, ${p.givenName} · MRN ${p.mrn} · new, not saved yet · version ${chosen.version}`}
      />
      <ScreeningForm
        key={chosen.id}
        template={chosen}
        patientId={p.id}
        sex={p.sex}
        screening={null}
        onCreated={(s) => navigate(`/screenings/${s.id}`, { replace: true })}
        onCreatedNotSubmitted={(draft, messages) =>
          navigate(`/screenings/${draft.id}`, {
            replace: true,
            state: { notSubmitted: { version: draft.version, messages } } satisfies ScreeningPageState,
          })
        }
        onSubmitted={(s) => navigate(`/screenings/${s.id}`, { replace: true })}
        onReloadLatest={() => navigate(`/patients/${p.id}`)}
        reloading={false}
      />
    </>
  );
}
