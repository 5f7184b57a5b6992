// A local mock LLM server for the end-to-end tests, speaking each provider's real wire format:
// OpenAI-compatible chat completions, Azure OpenAI, Anthropic Messages and Gemini
// streamGenerateContent (alt=sse, CRLF frames). The requested model picks the behaviour:
// a normal answer, `slow`, `stall`, `drop`, `truncated`, `midstream-error`, `bad-json`,
// `error-404`, `error-429`, `error-529`, `error-500` or `count-429-once`. The valid key is
// `test-key`. Paths under `/nocors/` answer without CORS headers, as a server that refuses
// the page. Every request is recorded in `requests`.
import { createServer } from 'node:http';

const VALID_KEY = 'test-key';
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'authorization, content-type, x-api-key, anthropic-version, anthropic-dangerous-direct-browser-access, x-goog-api-key, api-key',
  'access-control-expose-headers': 'retry-after, retry-after-ms',
};
const MODELS = ['mock-model', 'slow', 'mock-large'];

/** The provider, the model and the key of a request, from its path, body and headers. */
function route(path, query, body, headers) {
  let match;
  if ((match = path.match(/^\/openai\/v1\/(chat\/completions|models)$/))) {
    return { provider: 'openai', op: match[1] === 'models' ? 'models' : 'chat', model: body?.model, key: bearer(headers) };
  }
  if ((match = path.match(/^\/azure\/openai\/deployments\/([^/]+)\/chat\/completions$/)) && query.get('api-version')) {
    return { provider: 'azure', op: 'chat', model: decodeURIComponent(match[1]), key: headers['api-key'] };
  }
  if ((match = path.match(/^\/anthropic\/v1\/(messages|models)$/))) {
    return { provider: 'anthropic', op: match[1] === 'models' ? 'models' : 'chat', model: body?.model, key: headers['x-api-key'] };
  }
  if ((match = path.match(/^\/gemini\/v1beta\/models\/([^/:]+):streamGenerateContent$/)) && query.get('alt') === 'sse') {
    return { provider: 'gemini', op: 'chat', model: decodeURIComponent(match[1]), key: headers['x-goog-api-key'] };
  }
  if (path === '/gemini/v1beta/models') return { provider: 'gemini', op: 'models', key: headers['x-goog-api-key'] };
  return null;
}

function bearer(headers) {
  return (headers.authorization ?? '').replace(/^Bearer\s+/i, '');
}

function errorBody(provider, status, message, extra = {}) {
  if (provider === 'anthropic') {
    const type = { 401: 'authentication_error', 404: 'not_found_error', 429: 'rate_limit_error', 529: 'overloaded_error' }[status] ?? 'api_error';
    return { type: 'error', error: { type, message } };
  }
  if (provider === 'gemini') {
    const name = { 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 503: 'UNAVAILABLE' }[status] ?? 'INTERNAL';
    return { error: { code: status, message, status: name, ...extra } };
  }
  return { error: { message, type: status === 429 ? 'rate_limit_error' : 'invalid_request_error', param: null, code: null } };
}

/** The conversation the app sent: system text and the last user message. */
function conversation(provider, body) {
  if (provider === 'anthropic') return { system: body.system ?? '', user: body.messages?.at(-1)?.content ?? '' };
  if (provider === 'gemini') {
    return { system: body.systemInstruction?.parts?.[0]?.text ?? '', user: body.contents?.at(-1)?.parts?.[0]?.text ?? '' };
  }
  const system = body.messages?.find((m) => m.role === 'system')?.content ?? '';
  return { system, user: body.messages?.filter((m) => m.role === 'user').at(-1)?.content ?? '' };
}

function answer({ system, user }) {
  const echo = user.slice(0, 60).replace(/\n/g, ' ');
  return `## Plan\n\n- Call the customer today\n- Send the first update\n\nEcho: ${echo}\n\nSystem chars: ${system.length}\n`;
}

function split(text, parts) {
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** The frames of a streamed answer in the provider's format, and its terminal frames. */
function frames(provider, model, chunks, usage) {
  const sse = (data, event) => (event ? `event: ${event}\n` : '') + `data: ${JSON.stringify(data)}\n\n`;
  if (provider === 'anthropic') {
    return {
      start: [
        sse({ type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model, content: [], stop_reason: null, usage: { input_tokens: usage.input, output_tokens: 1 } } }, 'message_start'),
        sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
        sse({ type: 'ping' }, 'ping'),
      ],
      body: chunks.map((text) => sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }, 'content_block_delta')),
      end: [
        sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
        sse({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: usage.output } }, 'message_delta'),
      ],
      terminal: [sse({ type: 'message_stop' }, 'message_stop')],
      error: sse({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'error'),
    };
  }
  if (provider === 'gemini') {
    const frame = (data) => `data: ${JSON.stringify(data)}\r\n\r\n`;
    const piece = (text, last) => ({
      candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }],
      ...(last ? { usageMetadata: { promptTokenCount: usage.input, candidatesTokenCount: usage.output, totalTokenCount: usage.input + usage.output } } : {}),
      modelVersion: model,
    });
    return {
      start: [],
      body: chunks.slice(0, -1).map((text) => frame(piece(text, false))),
      end: [],
      terminal: [frame(piece(chunks.at(-1) ?? '', true))],
      truncatedTail: [frame(piece(chunks.at(-1) ?? '', false))],
      error: frame({ error: { code: 500, message: 'Internal error', status: 'INTERNAL' } }),
    };
  }
  const chunk = (delta, finish) => ({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] });
  const start = [sse(chunk({ role: 'assistant', content: '' }, null))];
  if (provider === 'azure') start.unshift(sse({ id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }] }));
  const body = chunks.map((text) => sse(chunk({ content: text }, null)));
  body.splice(Math.floor(body.length / 2), 0, ': keep-alive\n\n');
  return {
    start,
    body,
    end: [],
    terminal: [
      sse(chunk({}, 'stop')),
      sse({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model, choices: [], usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output } }),
      'data: [DONE]\n\n',
    ],
    error: sse({ error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } }),
  };
}

const wait = (ms) => new Promise((ok) => setTimeout(ok, ms).unref());

export async function startMockLlm() {
  const requests = [];
  const sockets = new Set();
  const seen = new Map();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://mock');
    const cors = !url.pathname.startsWith('/nocors/');
    const path = cors ? url.pathname : url.pathname.slice('/nocors'.length);
    const head = (status, headers) => res.writeHead(status, { ...(cors ? CORS : {}), ...headers });
    if (req.method === 'OPTIONS') {
      head(204, {});
      res.end();
      return;
    }
    let raw = '';
    for await (const part of req) raw += part;
    let body = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = null;
    }
    requests.push({ method: req.method, path, query: Object.fromEntries(url.searchParams), headers: req.headers, body });
    const json = (status, data, headers = {}) => {
      head(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(data));
    };
    const target = route(path, url.searchParams, body, req.headers);
    if (!target) return json(404, { error: { message: 'no such route' } });
    const { provider, op, model } = target;
    if (url.searchParams.has('key')) return json(400, errorBody(provider, 400, 'API keys must not be sent in the URL'));
    if (provider === 'anthropic' && req.headers['anthropic-dangerous-direct-browser-access'] !== 'true') {
      return json(401, errorBody(provider, 401, "CORS requests must set 'anthropic-dangerous-direct-browser-access' header"));
    }
    if (target.key !== VALID_KEY) {
      return json(provider === 'gemini' ? 403 : 401, errorBody(provider, provider === 'gemini' ? 403 : 401, 'Incorrect API key provided.'));
    }
    if (op === 'models') {
      if (provider === 'gemini') {
        return json(200, { models: MODELS.map((m) => ({ name: `models/${m}`, displayName: m, inputTokenLimit: 32768, outputTokenLimit: 8192, supportedGenerationMethods: ['generateContent'] })) });
      }
      if (provider === 'anthropic') return json(200, { data: MODELS.map((id) => ({ id, display_name: id, created_at: '2026-01-01T00:00:00Z', type: 'model' })), has_more: false });
      return json(200, { object: 'list', data: MODELS.map((id) => ({ id, object: 'model', created: 1, owned_by: 'mock' })) });
    }
    if (provider === 'anthropic' && !body?.max_tokens) return json(400, errorBody(provider, 400, 'max_tokens: Field required'));

    const count = (seen.get(model) ?? 0) + 1;
    seen.set(model, count);
    const rateLimited = model === 'error-429' || (model === 'count-429-once' && count === 1);
    if (rateLimited) {
      const retry = model === 'error-429' ? 7 : 1;
      const extra = provider === 'gemini' ? { details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retry}s` }] } : {};
      return json(429, errorBody(provider, 429, `Rate limit reached. Please try again in ${retry}s.`, extra), { 'retry-after': String(retry) });
    }
    if (model === 'error-404') return json(404, errorBody(provider, 404, `The model ${model} does not exist.`));
    if (model === 'error-500') return json(500, errorBody(provider, 500, 'Internal server error'));
    if (model === 'error-529') {
      const status = provider === 'anthropic' ? 529 : 503;
      return json(status, errorBody(provider, status, 'Overloaded'));
    }

    const text = answer(conversation(provider, body ?? {}));
    const usage = { input: 321, output: 45 };
    const slow = model === 'slow';
    const stream = frames(provider, model, split(text, slow ? 40 : 8), usage);
    head(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    const send = async (items, delay) => {
      for (const item of items) {
        if (res.destroyed) return;
        res.write(item);
        await wait(delay);
      }
    };
    await send(stream.start, 0);
    const delay = slow ? 100 : 30;
    if (model === 'stall' || model === 'drop' || model === 'midstream-error') {
      await send(stream.body.slice(0, 3), delay);
      if (model === 'drop') return res.socket?.destroy();
      if (model === 'midstream-error') {
        res.write(stream.error);
        return res.end();
      }
      return;
    }
    if (model === 'bad-json') {
      await send(stream.body.slice(0, 1), delay);
      res.write(provider === 'anthropic' ? 'event: content_block_delta\ndata: {"type": "content_block_delta", "delta": \n\n' : 'data: {"choices": [ {"delta":\n\n');
      return res.end();
    }
    await send(stream.body, delay);
    await send(stream.end, 0);
    if (model === 'truncated') {
      await send(stream.truncatedTail ?? [], 0);
      return res.end();
    }
    await send(stream.terminal, 0);
    res.end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((ok) => server.close(ok));
    },
  };
}
