// Saving a chart as a picture: the recharts <svg> serialized and drawn onto a canvas, then
// written as PNG. Hand-written (about forty lines) rather than a DOM-to-image library: the chart is
// one self-contained SVG, so only its CSS variables and size need settling before it is drawn.

const SCALE = 2;
const TITLE_HEIGHT = 36;
const PAINTED = ['fill', 'stroke', 'stop-color'] as const;

/** The chart as standalone SVG markup: sized, namespaced, with colours given as CSS variables resolved. */
export function standaloneSvg(svg: SVGSVGElement): { markup: string; width: number; height: number } {
  const { width, height } = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((original, index) => {
    const target = copies[index];
    for (const attribute of PAINTED) {
      const value = target.getAttribute(attribute);
      // A standalone image has no stylesheet: var(--mantine-…) must become the colour it stands for.
      if (value?.includes('var('))
        target.setAttribute(attribute, getComputedStyle(original).getPropertyValue(attribute));
    }
  });
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('font-family', getComputedStyle(svg).fontFamily || 'sans-serif');
  return { markup: new XMLSerializer().serializeToString(copy), width, height };
}

export interface LegendEntry {
  label: string;
  color: string;
}

/** The chart under its title and its legend (recharts draws the legend in HTML), on white, at twice the screen's size, as a PNG. */
export async function chartPng(svg: SVGSVGElement, title: string, legend: readonly LegendEntry[] = []): Promise<Blob> {
  const { markup, width, height } = standaloneSvg(svg);
  // A data: URL, since the app's Content-Security-Policy allows images from 'self' and data: only.
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * SCALE);
  canvas.height = Math.ceil((height + TITLE_HEIGHT) * SCALE);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw images');
  context.scale(SCALE, SCALE);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height + TITLE_HEIGHT);
  context.fillStyle = '#212529';
  context.font = `600 15px ${getComputedStyle(svg).fontFamily || 'sans-serif'}`;
  context.fillText(title, 12, 24);
  context.font = `13px ${getComputedStyle(svg).fontFamily || 'sans-serif'}`;
  let x = 24 + context.measureText(title).width + 24;
  for (const entry of legend) {
    context.fillStyle = entry.color;
    context.fillRect(x, 14, 12, 12);
    context.fillText(entry.label, x + 18, 24);
    x += 18 + context.measureText(entry.label).width + 20;
  }
  context.drawImage(image, 0, TITLE_HEIGHT, width, height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The image could not be made'))), 'image/png'),
  );
}

/** Hands the browser a file to save. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // After the click has been handled: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
