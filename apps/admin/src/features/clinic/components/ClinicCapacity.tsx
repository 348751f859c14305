import { SimpleGrid, Stack } from '@mantine/core';
import type { Clinic } from '../api/clinic.api';
import { ChairsPanel } from './ChairsPanel';
import { ClinicSettingsForm } from './ClinicSettingsForm';
import { ClosuresPanel } from './ClosuresPanel';
import { NurseShiftsPanel } from './NurseShiftsPanel';
import { OpeningHoursForm } from './OpeningHoursForm';

/** The clinic page: one panel (and one form) per thing slot search books into. */
export function ClinicCapacity({ clinic }: { clinic: Clinic }) {
  return (
    <Stack gap="lg">
      <ClinicSettingsForm clinic={clinic} />
      <OpeningHoursForm hours={clinic.openingHours} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ChairsPanel clinic={clinic} />
        <NurseShiftsPanel clinic={clinic} />
      </SimpleGrid>
      <ClosuresPanel clinic={clinic} />
    </Stack>
  );
}
