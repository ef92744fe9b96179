'use strict';

// A scripted OpenAI-compatible chat model, so that n8n's AI Agent can be tested with the pack's
// nodes as its tools and no model provider: POST /openai/v1/chat/completions. Asked first, it
// calls every tool it is offered; asked again with the tools' results, it records them (what the
// model was handed) and answers in words. Not a vendor of the pack: a test instrument.

const BASE_PATH = '/openai/v1';

function errorBody(status, message = `HTTP ${status}`) {
	return { error: { message, type: 'invalid_request_error', code: null } };
}

function createScriptedModelPlatform(options = {}) {
	const unknown = Object.keys(options);
	if (unknown.length > 0) throw new TypeError(`Unknown openai options: ${unknown.join(', ')}`);
	const apiKey = 'sk-sandbox-scripted-model';
	/** What each tool handed the model, in the order the model received it. */
	const toolResults = [];
	let completions = 0;

	function reply(request, message, finishReason) {
		const id = `chatcmpl-${++completions}`;
		const created = Math.floor(request.time.getTime() / 1000);
		const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
		if (!request.body.stream) {
			return {
				status: 200,
				body: {
					id,
					object: 'chat.completion',
					created,
					model: request.body.model,
					choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
					usage,
				},
			};
		}
		// Streamed: the whole message as one delta, then its end, then [DONE].
		const chunk = (choices, extra = {}) =>
			`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.body.model, choices, ...extra })}\n\n`;
		const delta = {
			role: 'assistant',
			content: message.content ?? null,
			...(message.tool_calls
				? { tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }
				: {}),
		};
		return {
			status: 200,
			headers: { 'content-type': 'text/event-stream' },
			body:
				chunk([{ index: 0, delta, finish_reason: null }]) +
				chunk([{ index: 0, delta: {}, finish_reason: finishReason }]) +
				chunk([], { usage }) +
				'data: [DONE]\n\n',
		};
	}

	function handleCompletion(request) {
		if (request.headers.authorization !== `Bearer ${apiKey}`) {
			return { status: 401, body: errorBody(401, 'Incorrect API key provided') };
		}
		const { messages = [], tools = [] } = request.body || {};
		const results = messages.filter((message) => message.role === 'tool');
		if (results.length === 0) {
			const calls = tools.map((tool, index) => ({
				id: `call_${index + 1}`,
				type: 'function',
				function: { name: tool.function.name, arguments: '{}' },
			}));
			return reply(request, { role: 'assistant', content: null, tool_calls: calls }, 'tool_calls');
		}
		const names = new Map(
			messages
				.flatMap((message) => message.tool_calls || [])
				.map((call) => [call.id, call.function.name]),
		);
		for (const result of results) {
			toolResults.push({ tool: names.get(result.tool_call_id), content: result.content });
		}
		return reply(request, { role: 'assistant', content: 'Here is what the tools said.' }, 'stop');
	}

	return {
		name: 'openai',
		displayName: 'Scripted model (OpenAI-compatible, for agent tests)',
		pathPrefix: '/openai',
		errorBody,
		registerRoutes(router) {
			router.add({
				method: 'POST',
				path: `${BASE_PATH}/chat/completions`,
				platform: 'openai',
				authenticate: ({ headers }) => headers.authorization === `Bearer ${apiKey}`,
				handle: handleCompletion,
			});
		},
		// Not a Comms Billing API credential: n8n's own OpenAI credential takes these.
		credentials: (url) => ({ openai: { apiKey, url: `${url}${BASE_PATH}` } }),
		credentialTitles: { openai: "n8n's OpenAI credential (API Key, Base URL):" },
		describeData: () => 'calls every tool it is offered, then records what they returned',
		resetFaults() {},
		api: {
			toolResults,
			clear: () => {
				toolResults.length = 0;
			},
		},
	};
}

module.exports = { createScriptedModelPlatform };
