// A scripted mock judge provider on 127.0.0.1 (port chosen by the OS). It speaks the three wire formats —
// OpenAI Chat Completions, Anthropic Messages, Gemini generateContent — with or without logprobs, and a script
// decides per request: an answer, an HTTP error (429, 500, 401…), a hang (timeout), a cut-off body, a dropped
// connection. CORS is open so the browser tests can point a base URL at it. Every request is logged.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type MockKind = 'openai' | 'anthropic' | 'gemini';

/** What the script sees. */
export interface MockRequest {
  kind: MockKind;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  system: string;
  user: string;
  model: string;
  wantsLogprobs: boolean;
  /** 0-based index of this request among all requests. */
  index: number;
  /** How many earlier requests had the same user prompt. */
  seen: number;
}

/** What the mock does. */
export type MockReply =
  | {
      type: 'answer';
      text: string;
      /** Probabilities of alternative tokens at the score token (G-Eval tests). */
      scoreDist?: Record<string, number>;
      usage?: { prompt: number; completion: number };
    }
  | { type: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { type: 'hang' }
  | { type: 'truncated' }
  | { type: 'drop' };

/** A running mock. */
export interface MockLlm {
  url: string;
  /** Every request, in arrival order. */
  log: MockRequest[];
  /** Replace the script. */
  setScript(script: (req: MockRequest) => MockReply): void;
  setLatency(ms: number): void;
  /** TCP connections accepted so far (fewer than requests when clients keep connections alive). */
  connections(): number;
  close(): Promise<void>;
}

/** A deterministic default: the score is the number after "SCORE=" in the prompt, else 3; verdict after "PICK=". */
export function defaultScript(req: MockRequest): MockReply {
  const pick = /PICK=(A|B|C)/.exec(req.user)?.[1];
  if (pick) return { type: 'answer', text: `Comparing both answers carefully.\n\n[[${pick}]]` };
  const score = /SCORE=(\d+)/.exec(req.user)?.[1] ?? '3';
  return { type: 'answer', text: `The response addresses the prompt.\nScore: ${score}` };
}

function tokens(text: string): string[] {
  return text.match(/\s*[A-Za-z]+|\s*\d|\s*[^\sA-Za-z\d]|\s+/g) ?? [];
}

function logprobTokens(text: string, dist: Record<string, number> | undefined) {
  const toks = tokens(text);
  let scoreAt = -1;
  for (let i = toks.length - 1; i >= 0; i--)
    if (/^\s*\d$/.test(toks[i] ?? '')) {
      scoreAt = i;
      break;
    }
  return toks.map((t, i) => {
    if (i === scoreAt && dist) {
      const top = Object.entries(dist).map(([tok, p]) => ({ token: tok, logprob: Math.log(p) }));
      const own = top.find((a) => a.token.trim() === t.trim());
      return { token: t, logprob: own?.logprob ?? Math.log(0.5), top };
    }
    return { token: t, logprob: -0.01, top: [{ token: t, logprob: -0.01 }] };
  });
}

function shape(req: MockRequest, reply: Extract<MockReply, { type: 'answer' }>): unknown {
  const prompt = reply.usage?.prompt ?? Math.ceil((req.system.length + req.user.length) / 4);
  const completion = reply.usage?.completion ?? Math.ceil(reply.text.length / 4);
  const lp = req.wantsLogprobs ? logprobTokens(reply.text, reply.scoreDist) : null;
  if (req.kind === 'openai')
    return {
      id: `chatcmpl-${req.index}`,
      object: 'chat.completion',
      model: `${req.model}-mock`,
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          message: { role: 'assistant', content: reply.text },
          ...(lp
            ? {
                logprobs: {
                  content: lp.map((t) => ({
                    token: t.token,
                    logprob: t.logprob,
                    bytes: null,
                    top_logprobs: t.top,
                  })),
                },
              }
            : {}),
        },
      ],
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    };
  if (req.kind === 'anthropic')
    return {
      id: `msg_${req.index}`,
      type: 'message',
      role: 'assistant',
      model: `${req.model}-mock`,
      content: [{ type: 'text', text: reply.text }],
      stop_reason: 'end_turn',
      usage: { input_tokens: prompt, output_tokens: completion },
    };
  return {
    candidates: [
      {
        content: { role: 'model', parts: [{ text: reply.text }] },
        finishReason: 'STOP',
        ...(lp
          ? {
              logprobsResult: {
                chosenCandidates: lp.map((t) => ({ token: t.token, logProbability: t.logprob })),
                topCandidates: lp.map((t) => ({
                  candidates: t.top.map((a) => ({ token: a.token, logProbability: a.logprob })),
                })),
              },
            }
          : {}),
      },
    ],
    usageMetadata: {
      promptTokenCount: prompt,
      candidatesTokenCount: completion,
      totalTokenCount: prompt + completion,
    },
    modelVersion: `${req.model}-mock`,
  };
}

function parseRequest(
  path: string,
  body: Record<string, unknown>,
): Omit<MockRequest, 'headers' | 'index' | 'seen' | 'path'> | null {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  if (path.endsWith('/chat/completions')) {
    const msgs = Array.isArray(body.messages)
      ? (body.messages as { role?: unknown; content?: unknown }[])
      : [];
    return {
      kind: 'openai',
      body,
      system: str(msgs.find((m) => m.role === 'system')?.content),
      user: str(msgs.find((m) => m.role === 'user')?.content),
      model: str(body.model),
      wantsLogprobs: body.logprobs === true,
    };
  }
  if (path.endsWith('/v1/messages')) {
    const msgs = Array.isArray(body.messages) ? (body.messages as { content?: unknown }[]) : [];
    return {
      kind: 'anthropic',
      body,
      system: str(body.system),
      user: str(msgs[0]?.content),
      model: str(body.model),
      wantsLogprobs: false,
    };
  }
  const m = /\/v1beta\/models\/([^/:]+):generateContent$/.exec(path);
  if (m) {
    const contents = body.contents as { parts?: { text?: unknown }[] }[] | undefined;
    const sys = body.systemInstruction as { parts?: { text?: unknown }[] } | undefined;
    const gc = (body.generationConfig ?? {}) as Record<string, unknown>;
    return {
      kind: 'gemini',
      body,
      system: str(sys?.parts?.[0]?.text),
      user: str(contents?.[0]?.parts?.[0]?.text),
      model: decodeURIComponent(m[1] ?? ''),
      wantsLogprobs: gc.responseLogprobs === true,
    };
  }
  return null;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers':
    'authorization, content-type, x-api-key, anthropic-version, anthropic-dangerous-direct-browser-access, x-goog-api-key',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  // Chrome's Private Network Access preflight for a public page calling loopback.
  'Access-Control-Allow-Private-Network': 'true',
};

/** Starts a mock provider. */
export async function startMockLlm(
  options: { latencyMs?: number; script?: (req: MockRequest) => MockReply } = {},
): Promise<MockLlm> {
  let script = options.script ?? defaultScript;
  let latency = options.latencyMs ?? 0;
  const log: MockRequest[] = [];
  const seen = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        res
          .writeHead(400, { ...CORS, 'Content-Type': 'application/json' })
          .end('{"error":{"message":"bad json"}}');
        return;
      }
      const path = (req.url ?? '').split('?')[0] ?? '';
      const parsed = parseRequest(path, body);
      if (!parsed) {
        res.writeHead(404, CORS).end('{"error":{"message":"no such route"}}');
        return;
      }
      const n = seen.get(parsed.user) ?? 0;
      seen.set(parsed.user, n + 1);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const mreq: MockRequest = { ...parsed, path, headers, index: log.length, seen: n };
      log.push(mreq);
      const reply = script(mreq);
      const send = () => {
        if (res.destroyed) return;
        switch (reply.type) {
          case 'answer':
            res
              .writeHead(200, { ...CORS, 'Content-Type': 'application/json' })
              .end(JSON.stringify(shape(mreq, reply)));
            return;
          case 'status':
            res
              .writeHead(reply.status, {
                ...CORS,
                'Content-Type': 'application/json',
                ...(reply.headers ?? {}),
              })
              .end(JSON.stringify(reply.body ?? { error: { message: `mock status ${reply.status}` } }));
            return;
          case 'truncated':
            res
              .writeHead(200, { ...CORS, 'Content-Type': 'application/json' })
              .end('{"id":"x","choices":[{"index":0,"mess');
            return;
          case 'drop':
            res.socket?.destroy();
            return;
          case 'hang':
            hanging.add(res);
            res.on('close', () => hanging.delete(res));
            return;
        }
      };
      if (latency > 0) setTimeout(send, latency);
      else send();
    });
  });
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    setScript: (s) => (script = s),
    setLatency: (ms) => (latency = ms),
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.socket?.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
