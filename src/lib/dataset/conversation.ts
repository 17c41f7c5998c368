// Chat transcripts: OpenAI `messages` ({role, content}) and ShareGPT `conversations` ({from, value}).

/** One normalized turn. */
export interface Turn {
  role: 'system' | 'user' | 'assistant' | 'tool';
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
    turns.push({ role, content });
  }
  return turns;
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
