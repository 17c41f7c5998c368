// Chat transcripts: OpenAI `messages` ({role, content}) and ShareGPT `conversations` ({from, value}). Tool use is kept
// as context: OpenAI `tool_calls` / `function_call` on an assistant turn and LLaMA-Factory's ShareGPT
// `function_call` turns become "Tool call" turns, `tool` / `function` / `observation` turns become "Tool" turns.

/** One normalized turn. */
export interface Turn {
  role: 'system' | 'user' | 'assistant' | 'tool-call' | 'tool';
  content: string;
}

const ROLE_ALIASES: Record<string, Turn['role']> = {
  system: 'system',
  developer: 'system',
  user: 'user',
  human: 'user',
  prompter: 'user',
  assistant: 'assistant',
  gpt: 'assistant',
  bot: 'assistant',
  model: 'assistant',
  chatgpt: 'assistant',
  tool: 'tool',
  function: 'tool',
  observation: 'tool',
  ipython: 'tool',
  functioncall: 'tool-call',
  function_call: 'tool-call',
  tool_call: 'tool-call',
  toolcall: 'tool-call',
};

// OpenAI content may be a string or an array of parts ({type: 'text', text}); only the text parts are kept.
function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) {
    const parts: string[] = [];
    for (const part of content) {
      if (typeof part === 'string') parts.push(part);
      else if (typeof part === 'object' && part !== null) {
        const text = (part as Record<string, unknown>)['text'];
        if (typeof text === 'string') parts.push(text);
      }
    }
    return parts.join('\n');
  }
  return null;
}

/** Normalizes a turn array; returns an error message (naming the turn) when it is not one. */
export function parseTurns(value: unknown): Turn[] | string {
  if (!Array.isArray(value)) return 'is not a list of turns';
  const turns: Turn[] = [];
  for (let i = 0; i < value.length; i++) {
    const t: unknown = value[i];
    if (typeof t !== 'object' || t === null || Array.isArray(t)) return `turn ${i + 1} is not an object`;
    const o = t as Record<string, unknown>;
    const roleRaw = o['role'] ?? o['from'] ?? o['speaker'];
    const role = typeof roleRaw === 'string' ? ROLE_ALIASES[roleRaw.toLowerCase()] : undefined;
    if (!role) return `turn ${i + 1} has no known role (role/from: ${JSON.stringify(roleRaw ?? null)})`;
    const content = contentText(o['content'] ?? o['value'] ?? o['text']);
    if (content === null) return `turn ${i + 1} has content that is not text`;
    const calls = role === 'assistant' ? toolCalls(o) : null;
    if (calls !== null)
      turns.push({ role: 'tool-call', content: [content, calls].filter((t) => t !== '').join('\n') });
    else turns.push({ role, content });
  }
  return turns;
}

// OpenAI's assistant `tool_calls: [{function: {name, arguments}}]` (or the older single `function_call`), as text.
function toolCalls(o: Record<string, unknown>): string | null {
  const list = Array.isArray(o['tool_calls'])
    ? o['tool_calls']
    : o['function_call']
      ? [o['function_call']]
      : null;
  if (list === null || list.length === 0) return null;
  return list
    .map((c: unknown) => {
      const call = (typeof c === 'object' && c !== null ? c : {}) as Record<string, unknown>;
      const fn = (
        typeof call['function'] === 'object' && call['function'] !== null ? call['function'] : call
      ) as Record<string, unknown>;
      const args =
        typeof fn['arguments'] === 'string' ? fn['arguments'] : JSON.stringify(fn['arguments'] ?? {});
      return `${typeof fn['name'] === 'string' ? fn['name'] : 'call'}(${args})`;
    })
    .join('\n');
}

/** True when a value looks like a turn array (objects with a role/from key). */
export function looksLikeTurns(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  return value.every(
    (t) =>
      typeof t === 'object' && t !== null && ('role' in t || 'from' in t) && ('content' in t || 'value' in t),
  );
}

/** The prompt text of turns: a lone user turn as-is, otherwise a role-labelled transcript. */
export function renderPrompt(turns: readonly Turn[]): string {
  const first = turns[0];
  if (turns.length === 1 && first?.role === 'user') return first.content;
  const label: Record<Turn['role'], string> = {
    system: 'System',
    user: 'User',
    assistant: 'Assistant',
    'tool-call': 'Tool call',
    tool: 'Tool',
  };
  return turns.map((t) => `${label[t.role]}: ${t.content}`).join('\n\n');
}

/** Splits off the final assistant turn (if the conversation ends with one): the prompt is everything before it. */
export function splitLastAssistant(turns: readonly Turn[]): { before: Turn[]; last: string | null } {
  const last = turns[turns.length - 1];
  if (last?.role === 'assistant') return { before: turns.slice(0, -1), last: last.content };
  return { before: turns.slice(), last: null };
}
