import type { Bundle, Resource } from '@medplum/fhirtypes';

/** A searchset Bundle (what $everything and a search answer), each entry with its absolute fullUrl. */
export function searchsetBundle(baseUrl: string, resources: Resource[], self: string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: new Date().toISOString(),
    total: resources.length,
    link: [{ relation: 'self', url: `${baseUrl}${self}` }],
    entry: resources.map((resource) => ({
      fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}

/** Every `reference` inside a resource (however deep), as written. */
export function referencesIn(value: unknown): string[] {
  const found: string[] = [];
  const pending: unknown[] = [value];
  while (pending.length) {
    const item = pending.pop();
    if (Array.isArray(item)) pending.push(...item);
    else if (item && typeof item === 'object') {
      for (const [key, member] of Object.entries(item)) {
        if (key === 'reference' && typeof member === 'string') found.push(member);
        else pending.push(member);
      }
    }
  }
  return found;
}

/** The subject or patient a resource is about, as "Patient/{id}". */
export function patientOf(resource: Resource): string | undefined {
  if (resource.resourceType === 'Patient') return `Patient/${resource.id}`;
  if (resource.resourceType === 'Appointment') return resource.participant?.[0]?.actor?.reference;
  return (resource as { subject?: { reference?: string } }).subject?.reference;
}
