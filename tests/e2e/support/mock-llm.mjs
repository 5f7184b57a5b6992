// A local mock LLM server for the end-to-end tests. One server speaks each provider's real wire
// format under its own prefix: /openai (OpenAI-compatible chat completions), /azure (Azure
// OpenAI deployments), /anthropic (Messages) and /gemini (streamGenerateContent, alt=sse, CRLF
// frames), with the provider's own error JSON. The valid key is `test-key`, sent in the
// provider's header; a `key` query parameter is refused. CORS is permissive, except under
// /nocors/, which answers the same without any CORS header, like a server that refuses the page.
// Every request except CORS preflights is recorded in `requests` (path as received).
//
// The requested model (the deployment for Azure) picks the behaviour; any other name gets a
// normal answer, streamed in 8 pieces 30 ms apart:
//   slow                 the answer in 40 pieces, 100 ms apart
//   stall                3 pieces, then silence until the client aborts or close()
//   drop                 3 pieces, then the connection is destroyed
//   truncated            all the text, then a clean end without the terminal event
//   midstream-error      3 pieces, then the provider's in-stream error event
//   bad-json             1 piece, then an event whose data is cut-off JSON
//   error-404            model or deployment not found
//   error-429            rate limited: `Retry-After: 7` and the provider's body
//   error-429-body-only  the same body without the header
//   error-429-short      rate limited every time with `Retry-After: 3`
//   error-529            overloaded: 529 from Anthropic, 503 from the others
//   error-500            internal error
//   count-429-once       429 with `Retry-After: 1` the first time per provider, then normal
//   themes-bad-once      a theme-analysis chunk's first answer has no JSON block
//   placeholders         answers with every redaction placeholder ([CUSTOMER_1], [EMAIL_1]…)
//                        found in the messages, so that some are split across pieces
// A theme-analysis request (user lines `[F1] verbatim`) is answered with the JSON block the
// app reads: items mentioning "export" under "Exports", the others under "Other feedback".
import { createServer } from 'node:http';

const VALID_KEY = 'test-key';
const LISTED_MODELS = ['mock-model', 'slow', 'mock-large'];
const RETRY_SECONDS = 7;
const SHORT_RETRY_SECONDS = 3;
const NORMAL = { chunks: 8, gapMs: 30 };
const SLOW = { chunks: 40, gapMs: 100 };
const PARTIAL_CHUNKS = 3;

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After, retry-after-ms',
};
const PREFLIGHT = {
  ...CORS,
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': [
    'authorization', 'content-type', 'x-api-key', 'anthropic-version', 'anthropic-dangerous-direct-browser-access',
    'x-goog-api-key', 'api-key', 'http-referer', 'x-title',
  ].join(', '),
};

/** The endpoint a request is for: provider, operation and requested model; null if none. */
function endpoint(method, path, body) {
  let match;
  if (method === 'POST' && path === '/openai/v1/chat/completions') return { provider: 'openai', op: 'chat', model: body?.model };
  if (method === 'GET' && path === '/openai/v1/models') return { provider: 'openai', op: 'models' };
  if (method === 'POST' && (match = path.match(/^\/azure\/openai\/deployments\/([^/]+)\/chat\/completions$/))) {
    return { provider: 'azure', op: 'chat', model: decodeURIComponent(match[1]) };
  }
  if (method === 'POST' && path === '/anthropic/v1/messages') return { provider: 'anthropic', op: 'chat', model: body?.model };
  if (method === 'GET' && path === '/anthropic/v1/models') return { provider: 'anthropic', op: 'models' };
  if (method === 'POST' && (match = path.match(/^\/gemini\/v1beta\/models\/([^/:]+):streamGenerateContent$/))) {
    return { provider: 'gemini', op: 'chat', model: decodeURIComponent(match[1]) };
  }
  if (method === 'GET' && path === '/gemini/v1beta/models') return { provider: 'gemini', op: 'models' };
  return null;
}

const textOf = (content) => (Array.isArray(content) ? content.map((part) => part?.text ?? '').join('') : String(content ?? ''));
const chars = (text) => [...text].length;
const tokens = (text) => Math.max(1, Math.ceil(chars(text) / 4));

/** An OpenAI-shaped error body (also what Azure relays from the model). */
const openAiError = (message, type, code = null, param = null) => ({ error: { message, type, param, code } });
const openAiBadRequest = (message, param = null) => [400, openAiError(message, 'invalid_request_error', null, param)];
const needsMessages = (body) =>
  Array.isArray(body?.messages) && body.messages.length ? null : openAiBadRequest("Missing required parameter: 'messages'.", 'messages');
const anthropicError = (type, message) => ({ type: 'error', error: { type, message } });
const geminiError = (code, status, message, details) => ({ error: { code, message, status, ...(details ? { details } : {}) } });
const azureError = (code, message) => ({ error: { code, message } });

const OPENAI = {
  key: (headers) => headers.authorization?.replace(/^Bearer\s+/i, ''),
  refuseKey: (key) => [
    401,
    key
      ? openAiError('Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key')
      : openAiError("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error'),
  ],
  badRequest: openAiBadRequest,
  checkBody: (body) => (typeof body?.model === 'string' && body.model ? needsMessages(body) : openAiBadRequest('you must provide a model parameter', 'model')),
  notFound: (model) => [404, openAiError(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found')],
  rateLimited: (model, seconds) => [
    429,
    openAiError(
      `Rate limit reached for ${model} in organization org-mock on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${seconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
      'requests',
      'rate_limit_exceeded',
    ),
  ],
  overloaded: () => [503, openAiError('The engine is currently overloaded, please try again later.', 'server_error')],
  internal: () => [500, openAiError('The server had an error while processing your request. Sorry about that!', 'server_error')],
  models: () => ({ object: 'list', data: LISTED_MODELS.map((id) => ({ id, object: 'model', created: 1735689600, owned_by: 'mock' })) }),
  conversation: (body) => {
    const system = body.messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => textOf(m.content)).join('\n');
    const user = textOf(body.messages.filter((m) => m.role === 'user').at(-1)?.content);
    return { system, user, prompt: body.messages.map((m) => textOf(m.content)).join('\n') };
  },
  wire: (model, usage, body) => openAiWire(model, usage, body, []),
};

const AZURE = {
  ...OPENAI,
  key: (headers) => headers['api-key'],
  // Classic Azure answers a missing api-version as an unknown resource.
  checkRequest: (op, query) => (query.get('api-version') ? null : [404, azureError('404', 'Resource not found')]),
  refuseKey: () => [
    401,
    azureError('401', 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.'),
  ],
  checkBody: needsMessages,
  notFound: () => [
    404,
    azureError('DeploymentNotFound', 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.'),
  ],
  rateLimited: (model, seconds) => [
    429,
    azureError(
      '429',
      `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after ${seconds} seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
    ),
  ],
  wire: (model, usage, body) =>
    openAiWire(model, usage, body, [
      { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }] },
    ]),
};

const ANTHROPIC = {
  key: (headers) => headers['x-api-key'],
  checkRequest: (op, query, headers) => {
    if (headers['anthropic-dangerous-direct-browser-access'] !== 'true') {
      return [401, anthropicError('authentication_error', "CORS requests must set 'anthropic-dangerous-direct-browser-access' header")];
    }
    if (!headers['anthropic-version']) return ANTHROPIC.badRequest('anthropic-version: header is required');
    if (headers['anthropic-version'] !== '2023-06-01') return ANTHROPIC.badRequest(`anthropic-version: invalid version ${headers['anthropic-version']}`);
    return null;
  },
  refuseKey: (key) => [401, anthropicError('authentication_error', key ? 'invalid x-api-key' : 'x-api-key header is required')],
  badRequest: (message) => [400, anthropicError('invalid_request_error', message)],
  checkBody: (body) => {
    for (const field of ['model', 'max_tokens', 'messages']) {
      if (body?.[field] === undefined) return ANTHROPIC.badRequest(`${field}: Field required`);
    }
    return null;
  },
  notFound: (model) => [404, anthropicError('not_found_error', `model: ${model}`)],
  // The real body names no delay; only the header does.
  rateLimited: () => [
    429,
    anthropicError(
      'rate_limit_error',
      'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.',
    ),
  ],
  overloaded: () => [529, anthropicError('overloaded_error', 'Overloaded')],
  internal: () => [500, anthropicError('api_error', 'Internal server error')],
  models: () => ({
    data: LISTED_MODELS.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' })),
    has_more: false,
    first_id: LISTED_MODELS[0],
    last_id: LISTED_MODELS.at(-1),
  }),
  conversation: (body) => {
    const messages = body.messages.map((m) => textOf(m.content));
    const system = textOf(body.system);
    return { system, user: textOf(body.messages.filter((m) => m.role === 'user').at(-1)?.content), prompt: [system, ...messages].join('\n') };
  },
  wire: anthropicWire,
};

const GEMINI = {
  key: (headers) => headers['x-goog-api-key'],
  checkRequest: (op, query) => (op === 'models' || query.get('alt') === 'sse' ? null : GEMINI.badRequest('This mock serves streamGenerateContent with alt=sse only.')),
  // Like the real API: a wrong key is a 400 with reason API_KEY_INVALID, a missing one a 403.
  refuseKey: (key) =>
    key
      ? [
          400,
          geminiError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
            { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
          ]),
        ]
      : [
          403,
          geminiError(403, 'PERMISSION_DENIED', "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."),
        ],
  badRequest: (message) => [400, geminiError(400, 'INVALID_ARGUMENT', message)],
  checkBody: (body) => (Array.isArray(body?.contents) && body.contents.length ? null : GEMINI.badRequest('* GenerateContentRequest.contents: contents is not specified')),
  notFound: (model) => [
    404,
    geminiError(404, 'NOT_FOUND', `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`),
  ],
  rateLimited: (model, seconds) => [
    429,
    geminiError(429, 'RESOURCE_EXHAUSTED', `You exceeded your current quota, please check your plan and billing details. Please retry in ${seconds}s.`, [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${seconds}s` },
    ]),
  ],
  overloaded: () => [503, geminiError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.')],
  internal: () => [500, geminiError(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting')],
  models: () => ({
    models: LISTED_MODELS.map((id) => ({
      name: `models/${id}`,
      displayName: id,
      inputTokenLimit: 1048576,
      outputTokenLimit: 8192,
      supportedGenerationMethods: ['generateContent'],
    })),
  }),
  conversation: (body) => {
    const partsText = (item) => (item?.parts ?? []).map((part) => part?.text ?? '').join('');
    const system = partsText(body.systemInstruction);
    const user = partsText(body.contents.filter((c) => (c.role ?? 'user') === 'user').at(-1));
    return { system, user, prompt: [system, ...body.contents.map(partsText)].join('\n') };
  },
  wire: geminiWire,
};

const PROVIDERS = { openai: OPENAI, azure: AZURE, anthropic: ANTHROPIC, gemini: GEMINI };

/** One SSE event; `eol` is the line ending (Gemini uses CRLF). */
const sse = (data, { event, eol = '\n' } = {}) => (event ? `event: ${event}${eol}` : '') + `data: ${data}${eol}${eol}`;

/**
 * How a provider streams an answer: `open` frames before the text, `text(chunk, last)` for each
 * piece, `close` frames after it (ending with the terminal event), `keepAlive` (a comment sent
 * after the first piece, or null), `error` (the in-stream error event) and `badJson(chunk)`.
 */
function openAiWire(model, usage, body, prefix) {
  const created = Math.floor(Date.now() / 1000);
  const chunk = (fields) => JSON.stringify({ id: 'chatcmpl-mock', object: 'chat.completion.chunk', created, model, ...fields });
  const choice = (delta, finish = null) => chunk({ choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  const close = [sse(choice({}, 'stop'))];
  if (body.stream_options?.include_usage) {
    close.push(sse(chunk({ choices: [], usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output } })));
  }
  close.push(sse('[DONE]'));
  return {
    open: [...prefix.map((data) => sse(JSON.stringify(data))), sse(choice({ role: 'assistant', content: '' }))],
    text: (text) => sse(choice({ content: text })),
    close,
    keepAlive: ': keep-alive\n\n',
    error: sse(JSON.stringify(openAiError('The server had an error while processing your request.', 'server_error'))),
    badJson: (text) => sse(choice({ content: text }).slice(0, -12)),
  };
}

function anthropicWire(model, usage) {
  const event = (data) => sse(JSON.stringify(data), { event: data.type });
  const delta = (text) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });
  return {
    open: [
      event({
        type: 'message_start',
        message: { id: 'msg_mock', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input, output_tokens: 1 } },
      }),
      event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      event({ type: 'ping' }),
    ],
    text: (text) => event(delta(text)),
    close: [
      event({ type: 'content_block_stop', index: 0 }),
      event({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: usage.output } }),
      event({ type: 'message_stop' }),
    ],
    keepAlive: null,
    error: event(anthropicError('overloaded_error', 'Overloaded')),
    badJson: (text) => sse(JSON.stringify(delta(text)).slice(0, -12), { event: 'content_block_delta' }),
  };
}

function geminiWire(model, usage) {
  const frame = (text, last) =>
    JSON.stringify({
      candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }],
      ...(last ? { usageMetadata: { promptTokenCount: usage.input, candidatesTokenCount: usage.output, totalTokenCount: usage.input + usage.output } } : {}),
      modelVersion: model,
      responseId: 'mock-response',
    });
  const crlf = { eol: '\r\n' };
  return {
    open: [],
    text: (text, last) => sse(frame(text, last), crlf),
    close: [],
    keepAlive: null,
    error: sse(JSON.stringify(geminiError(500, 'INTERNAL', 'Internal error')), crlf),
    badJson: (text) => sse(frame(text, false).slice(0, -12), crlf),
  };
}

/** Labelled verbatims of a theme-analysis request, as [label, text]. */
function themeItems(user) {
  return [...user.matchAll(/^\[(F\d+)\] (.*)$/gm)].map((m) => [m[1], m[2]]);
}

/** A theme-analysis answer: a short text and the JSON block, grouped by one keyword. */
function themeAnswer(items) {
  const exports = items.filter(([, text]) => /export/i.test(text)).map(([id]) => id);
  const others = items.filter(([, text]) => !/export/i.test(text)).map(([id]) => id);
  const themes = [
    { name: 'Exports', description: 'Exports fail or time out.', item_ids: exports },
    { name: 'Other feedback', description: 'Everything else.', item_ids: others },
  ].filter((t) => t.item_ids.length > 0);
  return ['Two themes stand out.', '', '```json', JSON.stringify({ themes }), '```', ''].join('\n');
}

/** The answer: Markdown echoing what reached the model, so tests can check the prompt. */
function answer(provider, model, { system, user }) {
  if (model === 'placeholders') {
    const found = [...new Set(`${system}\n${user}`.match(/\[[A-Z]+_\d+\]/g) ?? [])];
    return ['## Mock answer', '', `Dear ${found.join(', ')}: we are on it.`, ''].join('\n');
  }
  const echo = [...user].slice(0, 60).join('').replace(/\r\n|[\r\n]/g, ' ');
  return [
    '## Mock answer',
    '',
    '- **Call the customer today.**',
    '- Send a written update.',
    '',
    `The mock ${provider} server answered as ${model}.`,
    '',
    `Echo: ${echo}`,
    '',
    `System chars: ${chars(system)}`,
    '',
  ].join('\n');
}

/** `text` cut into about `count` pieces, never inside a code point. */
function split(text, count) {
  const points = [...text];
  const size = Math.ceil(points.length / count);
  const pieces = [];
  for (let at = 0; at < points.length; at += size) pieces.push(points.slice(at, at + size).join(''));
  return pieces;
}

const wait = (ms) => new Promise((done) => setTimeout(done, ms).unref());

/** Streams the answer's pieces `gapMs` apart as `scenario` says, each frame written at once. */
async function streamAnswer(res, wire, pieces, scenario, gapMs) {
  const write = (frame) => res.destroyed || res.write(frame);
  const sent = { stall: PARTIAL_CHUNKS, drop: PARTIAL_CHUNKS, 'midstream-error': PARTIAL_CHUNKS, 'bad-json': 1 }[scenario] ?? pieces.length;
  wire.open.forEach(write);
  for (let i = 0; i < sent; i++) {
    await wait(gapMs);
    if (res.destroyed) return;
    write(wire.text(pieces[i], i === pieces.length - 1 && scenario !== 'truncated'));
    if (i === 0 && wire.keepAlive) write(wire.keepAlive);
  }
  if (scenario === 'stall') return;
  if (scenario === 'drop') {
    await wait(gapMs);
    res.socket?.destroy();
    return;
  }
  if (scenario === 'midstream-error') write(wire.error);
  else if (scenario === 'bad-json') write(wire.badJson(pieces[1]));
  else if (scenario !== 'truncated') wire.close.forEach(write);
  res.end();
}

export async function startMockLlm() {
  const requests = [];
  const rateLimitedOnce = new Set();

  async function handle(req, res) {
    const url = new URL(req.url, 'http://mock');
    const cors = !url.pathname.startsWith('/nocors/');
    const path = cors ? url.pathname : url.pathname.slice('/nocors'.length);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors ? PREFLIGHT : {}).end();
      return;
    }
    const parts = [];
    for await (const part of req) parts.push(part);
    const raw = Buffer.concat(parts).toString('utf8');
    let body = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      // Recorded as null; the provider's body checks refuse it.
    }
    requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: { ...req.headers }, body });

    const headersFor = (extra) => ({ ...(cors ? CORS : {}), ...extra });
    const json = ([status, data], extra = {}) => res.writeHead(status, headersFor({ 'Content-Type': 'application/json', ...extra })).end(JSON.stringify(data));
    const target = endpoint(req.method, path, body);
    if (!target) return json([404, { error: { message: `The mock LLM server has no ${req.method} ${path}.` } }]);
    const provider = PROVIDERS[target.provider];
    if (url.searchParams.has('key')) return json(provider.badRequest('API keys must be sent in a header, never in the URL.'));
    const refusal = provider.checkRequest?.(target.op, url.searchParams, req.headers);
    if (refusal) return json(refusal);
    const key = provider.key(req.headers);
    if (key !== VALID_KEY) return json(provider.refuseKey(key));
    if (target.op === 'models') return json([200, provider.models()]);
    const invalid = provider.checkBody(body);
    if (invalid) return json(invalid);

    const { model } = target;
    const onceKey = `${target.provider} ${model}`;
    if (model === 'count-429-once' && !rateLimitedOnce.has(onceKey)) {
      rateLimitedOnce.add(onceKey);
      return json(provider.rateLimited(model, 1), { 'Retry-After': '1' });
    }
    if (model === 'error-429') return json(provider.rateLimited(model, RETRY_SECONDS), { 'Retry-After': String(RETRY_SECONDS) });
    if (model === 'error-429-short') return json(provider.rateLimited(model, SHORT_RETRY_SECONDS), { 'Retry-After': String(SHORT_RETRY_SECONDS) });
    if (model === 'error-429-body-only') return json(provider.rateLimited(model, RETRY_SECONDS));
    if (model === 'error-404') return json(provider.notFound(model));
    if (model === 'error-529') return json(provider.overloaded());
    if (model === 'error-500') return json(provider.internal());

    const conversation = provider.conversation(body);
    const items = themeItems(conversation.user);
    const firstThemeAnswer = model === 'themes-bad-once' && items.length > 0 && !rateLimitedOnce.has(`${onceKey} ${items[0][0]}`);
    if (firstThemeAnswer) rateLimitedOnce.add(`${onceKey} ${items[0][0]}`);
    const text = items.length === 0 ? answer(target.provider, model, conversation) : firstThemeAnswer ? 'No themes this time.' : themeAnswer(items);
    const wire = provider.wire(model, { input: tokens(conversation.prompt), output: tokens(text) }, body);
    res.writeHead(200, headersFor({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' }));
    res.flushHeaders();
    const pace = model === 'slow' ? SLOW : NORMAL;
    await streamAnswer(res, wire, split(text, pace.chunks), model, pace.gapMs);
  }

  const server = createServer((req, res) =>
    handle(req, res).catch((error) => {
      console.error('mock LLM server:', error);
      res.destroy();
    }),
  );
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () =>
      new Promise((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
}
