import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, FieldError } from '../errors/domain-error';

/**
 * Deepest nesting a request body may have. The API's deepest legitimate body (a screening
 * template's rules) nests about six levels; class-transformer and class-validator recurse once per
 * level, and ~1,300 levels overflow their stack and stall the event loop for seconds.
 */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;

interface Frame {
  array: boolean;
  /** The member being read: an object's last key, or an array's index. */
  key: string | number | undefined;
}

/**
 * Where a JSON text first nests deeper than `limit`, as a field path (`a.b[0]`), or undefined when
 * it does not. One pass over the bytes, no allocation per level beyond a small frame: the text is
 * not parsed (malformed text is left to JSON.parse). UTF-8 continuation bytes never equal the ASCII
 * bytes looked at, so scanning bytes is safe.
 */
export function tooDeepAt(text: Buffer, limit = MAX_JSON_DEPTH): string | undefined {
  const frames: Frame[] = [];
  let stringStart = -1;
  let lastString: [number, number] | undefined;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (stringStart >= 0) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) {
        lastString = [stringStart, i + 1];
        stringStart = -1;
      }
      continue;
    }
    const top = frames[frames.length - 1];
    if (byte === QUOTE) stringStart = i;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (frames.length === limit) return pathOf(frames) || '(body)';
      frames.push({ array: byte === OPEN_ARRAY, key: byte === OPEN_ARRAY ? 0 : undefined });
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) frames.pop();
    else if (top && byte === COMMA && top.array) top.key = (top.key as number) + 1;
    else if (top && byte === COLON && !top.array && lastString) top.key = keyOf(text, lastString);
  }
  return undefined;
}

function keyOf(text: Buffer, [start, end]: [number, number]): string {
  try {
    return String(JSON.parse(text.toString('utf8', start, Math.min(end, start + 200)))).slice(0, 64);
  } catch {
    return text.toString('utf8', start + 1, Math.min(end - 1, start + 65));
  }
}

/** The path to the member being read in the innermost frame: each frame's key names its open member. */
function pathOf(frames: Frame[]): string {
  return frames
    .map((frame, i) => (frame.array ? `[${String(frame.key)}]` : `${i === 0 ? '' : '.'}${frame.key ?? '?'}`))
    .join('');
}

// With the u flag a surrogate pair is one code point, so only an unpaired half matches.
const LONE_SURROGATE = /\p{Surrogate}/u;

/** What is wrong with a string for the API to store: NUL (PostgreSQL text refuses it) or a lone surrogate. */
export function stringProblem(value: string): { rule: string; problem: string } | undefined {
  if (value.includes('\u0000')) return { rule: 'noNulCharacter', problem: 'must not contain a NUL character' };
  if (LONE_SURROGATE.test(value))
    return { rule: 'wellFormedUnicode', problem: 'must be well-formed Unicode (no lone surrogate)' };
  return undefined;
}

/**
 * Every string (keys included) in a parsed value that PostgreSQL could not store, with its field
 * path. Iterative, and the body's depth is already bounded, so no input can exhaust the stack.
 */
export function badStrings(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const pending: [unknown, string][] = [[value, root]];
  while (pending.length && errors.length < 20) {
    const [item, path] = pending.pop()!;
    if (typeof item === 'string') {
      const bad = stringProblem(item);
      if (bad)
        errors.push({ field: path || '(body)', rule: bad.rule, message: `${path || 'the body'} ${bad.problem}` });
    } else if (Array.isArray(item)) {
      item.forEach((element, index) => pending.push([element, `${path}[${index}]`]));
    } else if (item !== null && typeof item === 'object') {
      for (const [key, member] of Object.entries(item)) {
        const field = path ? `${path}.${key}` : key;
        const bad = stringProblem(key);
        if (bad) {
          const shown = JSON.stringify(key).slice(1, -1).slice(0, 64);
          const named = path ? `${path}.${shown}` : shown;
          errors.push({ field: named, rule: bad.rule, message: `the field name ${named} ${bad.problem}` });
        } else pending.push([member, field]);
      }
    }
  }
  return errors;
}

/**
 * JSON bodies are checked for depth before they are parsed, then parsed by Fastify's own parser
 * (which refuses `__proto__` and `constructor.prototype` keys). Registering this parser also stops
 * Nest from registering its urlencoded one: the API takes JSON only.
 */
export function useJsonBodyParser(app: NestFastifyApplication) {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<FastifyInstance['server']>(
    ['application/json', 'application/fhir+json'],
    { bodyLimit: fastify.initialConfig.bodyLimit },
    (request, body, done) => {
      const field = tooDeepAt(body);
      if (field === undefined) return parse(request, body.toString('utf8'), done);
      done(
        new DomainError('VALIDATION_FAILED', `The body nests deeper than ${MAX_JSON_DEPTH} levels.`, [
          { field, rule: 'maxDepth', message: `${field} nests deeper than ${MAX_JSON_DEPTH} levels` },
        ]),
        undefined,
      );
    },
  );
}

/**
 * Refuses NUL characters and lone UTF-16 surrogates in every string of a request — body, query
 * string and path parameters — before validation: PostgreSQL cannot store them (a 500 today) and
 * no clinic value contains them.
 */
export function refuseUnstorableStrings(app: NestFastifyApplication) {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    const errors = [
      ...badStrings(request.params),
      ...badStrings(request.query),
      ...(request.body === undefined ? [] : badStrings(request.body)),
    ];
    if (errors.length) throw new DomainError('VALIDATION_FAILED', 'The request has invalid characters.', errors);
  });
}
