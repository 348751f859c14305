import type { ApiResponseOptions } from '@nestjs/swagger';

/** An OpenAPI response of one FHIR resource type, as application/fhir+json. */
export function fhirResponse(resourceType: string, description = `A FHIR R4 ${resourceType}`): ApiResponseOptions {
  return {
    description,
    content: {
      'application/fhir+json': {
        schema: {
          type: 'object',
          required: ['resourceType'],
          properties: { resourceType: { type: 'string', example: resourceType } },
          additionalProperties: true,
        },
      },
    },
  };
}
