/** mg as the chair reads it: one decimal (the API keeps the exact figure; this is display only). */
export function formatMg(mg: number): string {
  return `${(Math.round(mg * 10) / 10).toLocaleString('en-GB', { maximumFractionDigits: 1 })} mg`;
}
