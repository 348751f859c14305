import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A calm teal-blue, readable on a bright front-desk screen.
const cadence: MantineColorsTuple = [
  '#e6f8fa',
  '#d3eef2',
  '#a7dce4',
  '#77c9d5',
  '#52b9c9',
  '#3aafc1',
  '#2aa9bd',
  '#1893a6',
  '#048395',
  '#007283',
];

export const theme = createTheme({
  primaryColor: 'cadence',
  primaryShade: 8,
  colors: { cadence },
  defaultRadius: 'md',
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Table: { defaultProps: { fz: 'sm' } },
    // A badge says a status or a score in words: it wraps onto a second line rather than cutting
    // them off ("15 OF 27 · MODERAT…") when its column is narrow, as on a tablet.
    Badge: {
      styles: {
        root: { height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '100%', paddingBlock: 2 },
        label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', lineHeight: 1.25 },
      },
    },
    Fieldset: {
      defaultProps: { variant: 'unstyled' },
      styles: {
        legend: {
          fontWeight: 650,
          fontSize: 'var(--mantine-font-size-md)',
          color: 'var(--mantine-color-cadence-9)',
          paddingBottom: 'var(--mantine-spacing-xs)',
          marginBottom: 'var(--mantine-spacing-sm)',
          borderBottom: '1px solid var(--mantine-color-gray-2)',
          width: '100%',
        },
      },
    },
  },
});
