import { Box, Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { isApiError } from '../api/problem';
import { getPatientLink, type PatientLinkSubmitted } from '../features/follow-up/api/patientLink.api';
import { PatientLinkForm, PatientThankYou } from '../features/follow-up/components/PatientLinkForm';
import { formatDate } from '../shared/dates';
import { CenteredLoader } from '../shared/CenteredLoader';
import { QueryError } from '../shared/QueryError';

/** A narrow column on any screen: the page is mostly read on a phone. */
function Frame({ children }: { children: React.ReactNode }) {
  return (
    <Box bg="gray.0" mih="100vh" py="lg" px="sm">
      <Box maw={680} mx="auto">
        {children}
      </Box>
    </Box>
  );
}

function LinkNotValid() {
  return (
    <Card withBorder radius="md" padding="xl" role="alert">
      <Stack gap="sm">
        <Title order={1} size="h2">
          This link is not valid any more
        </Title>
        <Text>
          It may have been used already, it may have expired, or it was not copied in full. Each link works once and for
          a few days only.
        </Text>
        <Text>If you still need to answer, please contact your clinic and ask for a new link.</Text>
      </Stack>
    </Card>
  );
}

/**
 * The patient's own follow-up, reached by the link they were sent: no login, no navigation, nothing
 * of their record; the questions, then a thank-you.
 */
export function PatientLinkPage() {
  const { token = '' } = useParams();
  const [submitted, setSubmitted] = useState<PatientLinkSubmitted | null>(null);
  const page = useQuery({
    queryKey: ['patient-link', token],
    queryFn: () => getPatientLink(token),
    retry: (count, error) => !isApiError(error) && count < 2,
    // Nothing is refetched behind the patient's back: a used link would turn the page into an error.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

  return (
    <Frame>
      {submitted ? (
        <PatientThankYou result={submitted} />
      ) : page.isPending ? (
        <CenteredLoader label="Loading your questions" />
      ) : isApiError(page.error, 404) || isApiError(page.error, 400) ? (
        <LinkNotValid />
      ) : page.isError ? (
        <QueryError error={page.error} onRetry={() => page.refetch()} title="Your questions could not be loaded" />
      ) : (
        <Stack gap="md">
          <div>
            <Text fw={600} c="dimmed">
              {page.data.clinicName}
            </Text>
            <Title order={1} size="h2">
              Your follow-up questions
            </Title>
            <Text mt={4}>
              Due {formatDate(page.data.dueOn)}. It takes about five minutes. Every question needs an answer except the
              last.
            </Text>
          </div>
          <PatientLinkForm token={token} page={page.data} onSubmitted={setSubmitted} />
        </Stack>
      )}
    </Frame>
  );
}
