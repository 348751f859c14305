// Lets a child Node process run the API from its TypeScript sources, compiled on load by SWC with
// the same options as Jest (decorator metadata for Nest, the @cadence/domain path): the tests that
// kill and restart an API process need no build first.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
const preset = require('../../jest.preset');

const [, options] = Object.values(preset.transform)[0];

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    ...options,
    filename,
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
