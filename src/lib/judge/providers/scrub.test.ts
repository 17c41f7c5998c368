import { describe, expect, it } from 'vitest';
import { MIN_LEAK_CHARS, scrubKey } from './scrub';

const KEY = 'sk-test-LEAK-CAFE1234beef5678';

/** Every substring of `secret` of length `n` that occurs in `text` (the independent check: a brute-force scan). */
function leaks(text: string, secret: string, n = MIN_LEAK_CHARS): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= secret.length; i++)
    if (text.includes(secret.slice(i, i + n))) out.push(secret.slice(i, i + n));
  return out;
}

describe('scrubKey', () => {
  it.each([
    ['the whole key', `Incorrect API key provided: ${KEY}.`],
    ['a cut copy at the end', `Invalid request near …${KEY.slice(0, 15)}`],
    ['a cut copy at the start', `bad token ${KEY.slice(-10)} here`],
    ['a middle run of exactly 8 characters', `x${KEY.slice(9, 17)}y`],
    ['the URL-encoded key', `url=${encodeURIComponent('key/with+odd=chars12345')}`],
  ])('removes %s', (_name, text) => {
    const key = text.startsWith('url=') ? 'key/with+odd=chars12345' : KEY;
    const out = scrubKey(text, key);
    expect(out).toContain('[key]');
    expect(leaks(out, key)).toEqual([]);
    expect(leaks(out, encodeURIComponent(key))).toEqual([]);
  });

  it('keeps runs shorter than 8 characters and ordinary text', () => {
    // "LEAK-CA" (7 characters of the key) is too short to identify it; the words around it stay.
    expect(scrubKey('the LEAK-CA word', KEY)).toBe('the LEAK-CA word');
    expect(scrubKey('Rate limit reached for requests', KEY)).toBe('Rate limit reached for requests');
  });

  it.each([
    ['an OpenAI key', 'got sk-proj-Abc123xyz789 from you', 'got [key] from you'],
    ['an Anthropic key', 'key sk-ant-api03-ZZZZyyyy0000', 'key [key]'],
    ['a Google key', 'API key AIzaSyD-1234567890abcdef not valid', 'API key [key] not valid'],
    [
      'a bearer token',
      'header Authorization: Bearer abc.def-123 rejected',
      'header Authorization: Bearer [key] rejected',
    ],
    ['an x-api-key header', 'x-api-key: hunter2hunter2', 'x-api-key: [key]'],
    ['a JSON api_key field', '{"api_key": "zzzz9999"}', '{"api_key": "[key]"}'],
    [
      'a key query parameter',
      'GET https://h/v1?alt=json&key=QQQQ1111&x=1',
      'GET https://h/v1?alt=json&key=[key]&x=1',
    ],
  ])('removes anything shaped like a key: %s, whatever the key in use', (_name, text, expected) => {
    expect(scrubKey(text, '')).toBe(expected);
    expect(scrubKey(text, 'sk-other-000000000000')).toBe(expected);
  });
});
