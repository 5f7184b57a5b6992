// The mock LLM server itself, driven with Node's fetch: each provider's streamed answer (event
// order, echo of the prompt, usage, terminal event, Gemini's CRLF frames), key and header
// checks, CORS, every scenario the end-to-end tests rely on, and the request log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

import { startMockLlm } from './support/mock-llm.mjs';

let mock;

before(async () => {
  mock = await startMockLlm();
});

after(async () => {
  await mock?.close();
});

const PROVIDERS = ['openai', 'azure', 'anthropic', 'gemini'];
const KEY = 'test-key';
const AUTH = {
  openai: { authorization: `Bearer ${KEY}` },
  azure: { 'api-key': KEY },
  anthropic: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'anthropic-dangerous-direct-browser-access': 'true' },
  gemini: { 'x-goog-api-key': KEY },
};
const SYSTEM = 'You draft replies for a customer success manager. Be brief.';
const USER = 'Exports have failed for two days.\nThe CIO threatens to cancel unless it is fixed this week.';
const ECHO = `Echo: ${USER.slice(0, 60).replace(/\n/g, ' ')}`;

/** The streamed chat request the app sends to `provider`, asking for `model`. */
function chatRequest(provider, model) {
  const messages = [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: USER },
  ];
  const [path, body] = {
    openai: ['/openai/v1/chat/completions', { model, messages, stream: true, stream_options: { include_usage: true } }],
    azure: [`/azure/openai/deployments/${model}/chat/completions?api-version=2024-10-21`, { messages, stream: true, stream_options: { include_usage: true } }],
    anthropic: ['/anthropic/v1/messages', { model, max_tokens: 1024, system: SYSTEM, messages: messages.slice(1), stream: true }],
    gemini: [
      `/gemini/v1beta/models/${model}:streamGenerateContent?alt=sse`,
      { contents: [{ role: 'user', parts: [{ text: USER }] }], systemInstruction: { parts: [{ text: SYSTEM }] } },
    ],
  }[provider];
  return { path, headers: { 'content-type': 'application/json', ...AUTH[provider] }, body };
}

function send({ path, headers, body }, { signal } = {}) {
  return fetch(`${mock.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body), signal });
}

const chat = (provider, model) => send(chatRequest(provider, model));

/** The whole body as it arrived: text, arrival times in ms, and the error that ended it, if any. */
async function readAll(response) {
  const decoder = new TextDecoder();
  const started = performance.now();
  const arrivals = [];
  let raw = '';
  try {
    for await (const bytes of response.body) {
      raw += decoder.decode(bytes, { stream: true });
      arrivals.push(performance.now() - started);
    }
    return { raw: raw + decoder.decode(), arrivals };
  } catch (error) {
    return { raw, arrivals, error };
  }
}

/** Reads from `reader` until `done(text so far)` holds; returns the text. */
async function readUntil(reader, done) {
  const decoder = new TextDecoder();
  let raw = '';
  while (!done(raw)) {
    const { value } = await reader.read();
    raw += decoder.decode(value, { stream: true });
  }
  return raw;
}

/** A small SSE reader: events `{ event, data }` and comments `{ comment }`, in order. */
function parseSse(raw) {
  return raw
    .split(/\r\n\r\n|\n\n/)
    .filter(Boolean)
    .map((block) => {
      const lines = block.split(/\r\n|\n/);
      if (lines.every((line) => line.startsWith(':'))) return { comment: lines.join('\n') };
      const field = (name) => lines.filter((line) => line.startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).trimStart());
      return { event: field('event')[0], data: field('data').join('\n') };
    });
}

/** The answer text carried by a provider's parsed events. */
function answerText(provider, events) {
  const data = events.filter((e) => e.data && e.data !== '[DONE]').map((e) => JSON.parse(e.data));
  if (provider === 'anthropic') return data.map((d) => d.delta?.text ?? '').join('');
  if (provider === 'gemini') return data.map((d) => d.candidates[0].content.parts[0].text).join('');
  return data.flatMap((d) => d.choices).map((c) => c.delta.content ?? '').join('');
}

const textPieces = (raw) => (raw.match(/"(content|text)":"[^"]/g) ?? []).length;

describe('normal streamed answers', () => {
  test('openai: role chunk, text pieces, a keep-alive comment, finish, usage, [DONE]', async () => {
    const response = await chat('openai', 'mock-model');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    const { raw, arrivals, error } = await readAll(response);
    assert.equal(error, undefined);
    assert.ok(arrivals.length >= 5 && arrivals.at(-1) - arrivals[0] >= 150, `streamed over time: ${arrivals.map(Math.round)}`);
    const items = parseSse(raw);
    const keepAlive = items.findIndex((item) => item.comment === ': keep-alive');
    assert.ok(keepAlive > 1 && keepAlive < items.length - 3, 'the keep-alive comes mid-stream');
    const events = items.filter((item) => !item.comment);
    assert.ok(events.every((e) => e.event === undefined), 'no event names');
    assert.equal(events.at(-1).data, '[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data));
    assert.deepEqual(chunks[0].choices[0].delta, { role: 'assistant', content: '' });
    assert.equal(chunks.at(-2).choices[0].finish_reason, 'stop');
    const { usage, choices } = chunks.at(-1);
    assert.deepEqual(choices, []);
    assert.ok(usage.prompt_tokens > 0 && usage.completion_tokens > 0);
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
    assert.ok(chunks.length - 3 >= 6, 'the text comes in about 8 pieces');
    const text = answerText('openai', events);
    assert.match(text, /^## /m, 'a Markdown heading');
    assert.match(text, /^- /m, 'a list');
    assert.ok(text.includes(`\n${ECHO}\n`), text);
    assert.ok(text.includes(`\nSystem chars: ${SYSTEM.length}\n`), text);
  });

  test('openai: no usage chunk unless include_usage is asked for', async () => {
    const request = chatRequest('openai', 'mock-model');
    delete request.body.stream_options;
    const events = parseSse((await readAll(await send(request))).raw).filter((item) => !item.comment);
    assert.ok(events.slice(0, -1).every((e) => !JSON.parse(e.data).usage));
    assert.equal(events.at(-1).data, '[DONE]');
  });

  test('azure: the deployment is the model, the first chunk is the prompt filter report', async () => {
    const response = await chat('azure', 'my-deployment');
    assert.equal(response.status, 200);
    const events = parseSse((await readAll(response)).raw).filter((item) => !item.comment);
    const first = JSON.parse(events[0].data);
    assert.deepEqual(first.choices, []);
    assert.ok(Array.isArray(first.prompt_filter_results));
    assert.equal(JSON.parse(events[1].data).model, 'my-deployment');
    assert.equal(events.at(-1).data, '[DONE]');
    assert.ok(JSON.parse(events.at(-2).data).usage.total_tokens > 0);
    assert.ok(answerText('azure', events).includes(ECHO));
  });

  test('anthropic: message_start, content_block_start, ping, deltas, stop, message_delta, message_stop', async () => {
    const response = await chat('anthropic', 'mock-model');
    assert.equal(response.status, 200);
    const events = parseSse((await readAll(response)).raw);
    const deltas = events.filter((e) => e.event === 'content_block_delta').length;
    assert.ok(deltas >= 6);
    assert.deepEqual(
      events.map((e) => e.event),
      ['message_start', 'content_block_start', 'ping', ...Array(deltas).fill('content_block_delta'), 'content_block_stop', 'message_delta', 'message_stop'],
    );
    assert.ok(events.every((e) => JSON.parse(e.data).type === e.event), 'each data type names its event');
    assert.ok(JSON.parse(events[0].data).message.usage.input_tokens > 0);
    const delta = JSON.parse(events.at(-2).data);
    assert.equal(delta.delta.stop_reason, 'end_turn');
    assert.ok(delta.usage.output_tokens > 0);
    const text = answerText('anthropic', events);
    assert.ok(text.includes(ECHO) && text.includes(`System chars: ${SYSTEM.length}`), text);
  });

  test('gemini: CRLF-delimited frames, the last with finishReason STOP and usageMetadata, no [DONE]', async () => {
    const response = await chat('gemini', 'mock-model');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const { raw } = await readAll(response);
    assert.ok(raw.endsWith('\r\n\r\n'));
    assert.doesNotMatch(raw, /[^\r]\n/, 'every line ends with CRLF');
    assert.doesNotMatch(raw, /\[DONE\]/);
    const frames = parseSse(raw);
    assert.ok(frames.length >= 6);
    const last = JSON.parse(frames.at(-1).data);
    assert.equal(last.candidates[0].finishReason, 'STOP');
    const { promptTokenCount, candidatesTokenCount, totalTokenCount } = last.usageMetadata;
    assert.ok(promptTokenCount > 0 && candidatesTokenCount > 0);
    assert.equal(totalTokenCount, promptTokenCount + candidatesTokenCount);
    assert.ok(frames.slice(0, -1).every((f) => !JSON.parse(f.data).candidates[0].finishReason));
    const text = answerText('gemini', frames);
    assert.ok(text.includes(ECHO) && text.includes(`System chars: ${SYSTEM.length}`), text);
  });

  test('slow: pieces trickle in about 100 ms apart', async () => {
    const controller = new AbortController();
    const response = await send(chatRequest('openai', 'slow'), { signal: controller.signal });
    const reader = response.body.getReader();
    const arrived = [];
    await readUntil(reader, (raw) => {
      while (arrived.length < textPieces(raw)) arrived.push(performance.now());
      return arrived.length >= 3;
    });
    assert.ok(arrived[2] - arrived[0] >= 150, `three pieces span two gaps: ${arrived.map(Math.round)}`);
    controller.abort();
  });
});

describe('keys and required headers', () => {
  test('a wrong key gets each provider’s own error', async () => {
    const wrong = { openai: { authorization: 'Bearer nope' }, azure: { 'api-key': 'nope' }, anthropic: { ...AUTH.anthropic, 'x-api-key': 'nope' }, gemini: { 'x-goog-api-key': 'nope' } };
    const answers = {};
    for (const provider of PROVIDERS) {
      const response = await send({ ...chatRequest(provider, 'mock-model'), headers: wrong[provider] });
      assert.equal(response.headers.get('content-type'), 'application/json');
      answers[provider] = [response.status, await response.json()];
    }
    const [openaiStatus, openai] = answers.openai;
    assert.equal(openaiStatus, 401);
    assert.deepEqual(Object.keys(openai.error).sort(), ['code', 'message', 'param', 'type']);
    assert.equal(openai.error.code, 'invalid_api_key');
    assert.equal(answers.azure[0], 401);
    assert.match(answers.azure[1].error.message, /Access denied/);
    assert.deepEqual(answers.anthropic, [401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }]);
    const [geminiStatus, gemini] = answers.gemini;
    assert.equal(geminiStatus, 400);
    assert.equal(gemini.error.status, 'INVALID_ARGUMENT');
    assert.match(gemini.error.message, /API key not valid/);
    assert.equal(gemini.error.details[0].reason, 'API_KEY_INVALID');
  });

  test('a missing key: OpenAI 401, Gemini 403 PERMISSION_DENIED', async () => {
    const openai = await send({ ...chatRequest('openai', 'mock-model'), headers: {} });
    assert.equal(openai.status, 401);
    assert.match((await openai.json()).error.message, /didn't provide an API key/);
    const gemini = await send({ ...chatRequest('gemini', 'mock-model'), headers: {} });
    assert.equal(gemini.status, 403);
    assert.equal((await gemini.json()).error.status, 'PERMISSION_DENIED');
  });

  test('anthropic refuses a request without the browser-access header, the version, or max_tokens', async () => {
    const { 'anthropic-dangerous-direct-browser-access': _, ...withoutBrowser } = AUTH.anthropic;
    const noBrowser = await send({ ...chatRequest('anthropic', 'mock-model'), headers: withoutBrowser });
    assert.equal(noBrowser.status, 401);
    assert.deepEqual(await noBrowser.json(), {
      type: 'error',
      error: { type: 'authentication_error', message: "CORS requests must set 'anthropic-dangerous-direct-browser-access' header" },
    });
    const { 'anthropic-version': __, ...withoutVersion } = AUTH.anthropic;
    const noVersion = await send({ ...chatRequest('anthropic', 'mock-model'), headers: withoutVersion });
    assert.equal(noVersion.status, 400);
    const request = chatRequest('anthropic', 'mock-model');
    delete request.body.max_tokens;
    const noMax = await send(request);
    assert.equal(noMax.status, 400);
    assert.deepEqual((await noMax.json()).error, { type: 'invalid_request_error', message: 'max_tokens: Field required' });
  });

  test('gemini refuses a key in the URL, and a stream without alt=sse', async () => {
    const request = chatRequest('gemini', 'mock-model');
    const inUrl = await send({ ...request, path: `${request.path}&key=${KEY}` });
    assert.equal(inUrl.status, 400);
    assert.equal((await inUrl.json()).error.status, 'INVALID_ARGUMENT');
    assert.equal(mock.requests.at(-1).query.key, KEY, 'the log shows the key in the query');
    const noSse = await send({ ...request, path: request.path.replace('?alt=sse', '') });
    assert.equal(noSse.status, 400);
  });

  test('azure requires the api-version query', async () => {
    const request = chatRequest('azure', 'mock-model');
    const response = await send({ ...request, path: request.path.replace(/\?.*/, '') });
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { error: { code: '404', message: 'Resource not found' } });
  });

  test('model lists name mock-model and slow in each provider’s shape', async () => {
    const list = (path, provider) => fetch(`${mock.url}${path}`, { headers: AUTH[provider] }).then((r) => r.json());
    const openai = await list('/openai/v1/models', 'openai');
    assert.equal(openai.object, 'list');
    assert.deepEqual(Object.keys(openai.data[0]).sort(), ['created', 'id', 'object', 'owned_by']);
    assert.equal(openai.data.length, 3);
    assert.ok(['mock-model', 'slow'].every((id) => openai.data.some((m) => m.id === id)));
    const anthropic = await list('/anthropic/v1/models?limit=1000', 'anthropic');
    assert.ok(['mock-model', 'slow'].every((id) => anthropic.data.some((m) => m.id === id && m.type === 'model')));
    const gemini = await list('/gemini/v1beta/models?pageSize=1000', 'gemini');
    assert.ok(['models/mock-model', 'models/slow'].every((name) => gemini.models.some((m) => m.name === name)));
    assert.deepEqual(gemini.models[0].supportedGenerationMethods, ['generateContent']);
    const refused = await fetch(`${mock.url}/openai/v1/models`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(refused.status, 401);
  });
});

describe('CORS', () => {
  test('a preflight gets 204 and the permissive headers, and is not recorded', async () => {
    const logged = mock.requests.length;
    const response = await fetch(`${mock.url}/anthropic/v1/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'https://casebook.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-api-key' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET, POST, OPTIONS');
    const allowed = response.headers.get('access-control-allow-headers').split(', ');
    for (const header of ['authorization', 'content-type', 'x-api-key', 'anthropic-version', 'anthropic-dangerous-direct-browser-access', 'x-goog-api-key', 'api-key', 'http-referer', 'x-title']) {
      assert.ok(allowed.includes(header), header);
    }
    assert.equal(mock.requests.length, logged);
  });

  test('answers and errors expose Retry-After to the page', async () => {
    for (const response of [await chat('gemini', 'mock-model'), await chat('openai', 'error-500')]) {
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.equal(response.headers.get('access-control-expose-headers'), 'Retry-After, retry-after-ms');
      await response.body.cancel();
    }
  });

  test('/nocors answers the same without any CORS header', async () => {
    const request = chatRequest('openai', 'mock-model');
    const response = await send({ ...request, path: `/nocors${request.path}` });
    assert.equal(response.status, 200);
    assert.deepEqual([...response.headers.keys()].filter((name) => name.startsWith('access-control-')), []);
    assert.ok(answerText('openai', parseSse((await readAll(response)).raw).filter((e) => !e.comment)).includes(ECHO));
    const preflight = await fetch(`${mock.url}/nocors${request.path}`, { method: 'OPTIONS' });
    assert.equal(preflight.status, 204);
    assert.deepEqual([...preflight.headers.keys()].filter((name) => name.startsWith('access-control-')), []);
    assert.equal(mock.requests.at(-1).path, '/nocors/openai/v1/chat/completions');
  });
});

describe('broken streams', () => {
  test('stall: three pieces, then no bytes until the client aborts', async () => {
    const controller = new AbortController();
    const response = await send(chatRequest('openai', 'stall'), { signal: controller.signal });
    const reader = response.body.getReader();
    await readUntil(reader, (raw) => textPieces(raw) === 3);
    const next = reader.read();
    const first = await Promise.race([next.then(() => 'bytes'), sleep(500, 'silence')]);
    assert.equal(first, 'silence');
    controller.abort();
    await assert.rejects(next, { name: 'AbortError' });
  });

  test('drop: three pieces, then the connection fails', async () => {
    for (const provider of ['openai', 'gemini']) {
      const { raw, error } = await readAll(await chat(provider, 'drop'));
      assert.equal(textPieces(raw), 3, provider);
      assert.ok(error instanceof TypeError, `${provider}: ${error}`);
    }
  });

  test('truncated: all the text, a clean end, no terminal event', async () => {
    await Promise.all(
      PROVIDERS.map(async (provider) => {
        const { raw, error } = await readAll(await chat(provider, 'truncated'));
        assert.equal(error, undefined);
        const events = parseSse(raw).filter((e) => !e.comment);
        assert.ok(answerText(provider, events).includes(`System chars: ${SYSTEM.length}`), provider);
        assert.doesNotMatch(raw, /\[DONE\]|message_stop|finishReason|"finish_reason":"stop"/, provider);
      }),
    );
  });

  test('midstream-error: HTTP 200, some text, then the provider’s error event', async () => {
    const expected = {
      openai: { event: undefined, error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } },
      azure: { event: undefined, error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } },
      anthropic: { event: 'error', type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      gemini: { event: undefined, error: { code: 500, message: 'Internal error', status: 'INTERNAL' } },
    };
    await Promise.all(
      PROVIDERS.map(async (provider) => {
        const response = await chat(provider, 'midstream-error');
        assert.equal(response.status, 200);
        const { raw, error } = await readAll(response);
        assert.equal(error, undefined);
        assert.equal(textPieces(raw), 3, provider);
        const last = parseSse(raw).at(-1);
        const { event, ...body } = expected[provider];
        assert.equal(last.event, event, provider);
        assert.deepEqual(JSON.parse(last.data), body, provider);
      }),
    );
  });

  test('bad-json: the event after the first piece is cut-off JSON', async () => {
    await Promise.all(
      PROVIDERS.map(async (provider) => {
        const response = await chat(provider, 'bad-json');
        assert.equal(response.status, 200);
        const events = parseSse((await readAll(response)).raw);
        assert.ok(answerText(provider, events.slice(0, -1)).length > 0, provider);
        assert.throws(() => JSON.parse(events.at(-1).data), SyntaxError, provider);
      }),
    );
  });
});

describe('HTTP errors', () => {
  test('error-429: Retry-After 7 and a body that says so where the provider does', async () => {
    for (const provider of PROVIDERS) {
      const response = await chat(provider, 'error-429');
      assert.equal(response.status, 429, provider);
      assert.equal(response.headers.get('retry-after'), '7', provider);
      assert.equal(response.headers.get('content-type'), 'application/json');
      const body = await response.json();
      if (provider === 'openai') {
        assert.match(body.error.message, /^Rate limit reached .* Please try again in 7s\./);
        assert.equal(body.error.code, 'rate_limit_exceeded');
      }
      if (provider === 'anthropic') assert.equal(body.error.type, 'rate_limit_error');
      if (provider === 'gemini') {
        assert.equal(body.error.status, 'RESOURCE_EXHAUSTED');
        assert.deepEqual(body.error.details, [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }]);
      }
    }
  });

  test('error-429-body-only: the same body, no Retry-After header', async () => {
    for (const provider of PROVIDERS) {
      const [withHeader, bodyOnly] = [await chat(provider, 'error-429'), await chat(provider, 'error-429-body-only')];
      assert.equal(bodyOnly.status, 429);
      assert.equal(bodyOnly.headers.get('retry-after'), null);
      const [a, b] = [await withHeader.json(), await bodyOnly.json()];
      assert.equal(JSON.stringify(b).replaceAll('error-429-body-only', 'error-429'), JSON.stringify(a), provider);
    }
  });

  test('error-429-short: rate limited every time, with Retry-After 3', async () => {
    for (const provider of PROVIDERS) {
      for (let i = 0; i < 2; i += 1) {
        const response = await chat(provider, 'error-429-short');
        assert.equal(response.status, 429, provider);
        assert.equal(response.headers.get('retry-after'), '3', provider);
        await response.body.cancel();
      }
    }
  });

  test('error-404, error-529 and error-500 carry each provider’s status and shape', async () => {
    const statuses = { 'error-404': [404, 404, 404, 404], 'error-529': [503, 503, 529, 503], 'error-500': [500, 500, 500, 500] };
    for (const [model, expected] of Object.entries(statuses)) {
      for (const [i, provider] of PROVIDERS.entries()) {
        const response = await chat(provider, model);
        assert.equal(response.status, expected[i], `${provider} ${model}`);
        const body = await response.json();
        assert.equal(typeof body.error.message, 'string', `${provider} ${model}`);
        if (provider === 'anthropic') assert.equal(body.type, 'error');
        if (provider === 'gemini') assert.equal(body.error.code, expected[i]);
      }
    }
    const overloaded = await (await chat('anthropic', 'error-529')).json();
    assert.deepEqual(overloaded, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    const notFound = await (await chat('azure', 'error-404')).json();
    assert.equal(notFound.error.code, 'DeploymentNotFound');
  });

  test('count-429-once: 429 with Retry-After 1 the first time, then a normal answer', async () => {
    for (const provider of PROVIDERS) {
      const first = await chat(provider, 'count-429-once');
      assert.equal(first.status, 429, provider);
      assert.equal(first.headers.get('retry-after'), '1');
      await first.body.cancel();
      const second = await chat(provider, 'count-429-once');
      assert.equal(second.status, 200, provider);
      const events = parseSse((await readAll(second)).raw).filter((e) => !e.comment);
      assert.ok(answerText(provider, events).includes(ECHO), provider);
    }
  });
});

describe('request log and shutdown', () => {
  test('requests records method, path, query, headers and the parsed body', async () => {
    const response = await chat('gemini', 'mock-model');
    await response.body.cancel();
    const sent = mock.requests.at(-1);
    assert.equal(sent.method, 'POST');
    assert.equal(sent.path, '/gemini/v1beta/models/mock-model:streamGenerateContent');
    assert.deepEqual(sent.query, { alt: 'sse' });
    assert.equal(sent.headers['x-goog-api-key'], KEY);
    assert.equal(sent.body.systemInstruction.parts[0].text, SYSTEM);
    assert.equal(sent.body.contents[0].parts[0].text, USER);
    await fetch(`${mock.url}/openai/v1/models`, { headers: AUTH.openai });
    const { method, path, body } = mock.requests.at(-1);
    assert.deepEqual({ method, path, body }, { method: 'GET', path: '/openai/v1/models', body: null });
  });

  test('close() ends a stalled stream and the server', async () => {
    const own = await startMockLlm();
    const response = await fetch(`${own.url}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: AUTH.openai,
      body: JSON.stringify({ model: 'stall', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const reader = response.body.getReader();
    await readUntil(reader, (raw) => textPieces(raw) === 3);
    const started = performance.now();
    await own.close();
    assert.ok(performance.now() - started < 1000, 'close does not wait for the stream');
    await assert.rejects(reader.read());
    await assert.rejects(fetch(`${own.url}/openai/v1/models`));
  });
});
