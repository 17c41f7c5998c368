// The page's Content-Security-Policy: which origins connect-src allows (the model hub incl. Xet storage, the known
// providers, local servers, user-added base URLs) and which it refuses.
import { describe, expect, it } from 'vitest';
import { bundleOrigin, buildCsp, isAllowed, originOf } from '../../src/lib/state/csp';

describe('CSP', () => {
  it('allows the hub (with the Xet and LFS hosts), the known providers and local servers', () => {
    for (const url of [
      'https://huggingface.co/Xenova/gpt2/resolve/main/onnx/model.onnx',
      'https://cas-bridge.xethub.hf.co/xet-bridge-us/abc',
      'https://cdn-lfs-us-1.hf.co/repos/x',
      'https://cdn-lfs.huggingface.co/repos/x',
      'https://api.openai.com/v1/chat/completions',
      'https://api.anthropic.com/v1/messages',
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent',
      'https://openrouter.ai/api/v1/chat/completions',
      'http://localhost:11434/v1/chat/completions',
      'http://127.0.0.1:1234/v1',
    ])
      expect(isAllowed(url, [])).toBe(true);
  });
  it('refuses other hosts, look-alikes and other schemes until the user adds them', () => {
    expect(isAllowed('https://llm.example.org/v1', [])).toBe(false);
    expect(isAllowed('https://api.openai.com.evil.example/v1', [])).toBe(false);
    expect(isAllowed('https://evilhf.co/x', [])).toBe(false);
    expect(isAllowed('http://api.openai.com/v1', [])).toBe(false);
    expect(isAllowed('ftp://localhost/x', [])).toBe(false);
    expect(isAllowed('https://llm.example.org/v1/chat', ['https://llm.example.org'])).toBe(true);
    expect(isAllowed('https://llm.example.org:8443/v1', ['https://llm.example.org'])).toBe(false);
  });
  it('builds connect-src from the lists; origins only', () => {
    const csp = buildCsp(['https://llm.example.org']);
    expect(csp).toMatch(/^connect-src 'self' data: blob: /);
    expect(csp).toContain(' https://*.hf.co ');
    expect(csp).toContain(' https://llm.example.org;');
    expect(originOf('https://llm.example.org/v1?x=1')).toBe('https://llm.example.org');
    expect(originOf('javascript:alert(1)')).toBeNull();
  });
});

describe('bundleOrigin', () => {
  it('allows the origin of a shared bundle URL for this page load only', () => {
    expect(bundleOrigin('https://app.example/x/?bundle=https%3A%2F%2Ffiles.example.org%2Fp.json.gz')).toBe(
      'https://files.example.org',
    );
  });
  it('resolves relative bundle URLs against the page', () => {
    expect(bundleOrigin('https://app.example/x/?bundle=demo.json.gz')).toBe('https://app.example');
  });
  it('ignores pages without a bundle and non-http URLs', () => {
    expect(bundleOrigin('https://app.example/x/')).toBeNull();
    expect(bundleOrigin('https://app.example/x/?bundle=javascript:alert(1)')).toBeNull();
  });
});
