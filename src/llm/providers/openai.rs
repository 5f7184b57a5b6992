//! OpenAI Chat Completions streaming, shared by Azure OpenAI, OpenRouter, Ollama's `/v1`,
//! LM Studio, llama.cpp and vLLM: `data:` lines carrying `chat.completion.chunk` JSON, a final
//! usage chunk with `"choices":[]` (when `stream_options.include_usage` is set) and
//! `data: [DONE]`. Reasoning arrives in `delta.reasoning` (Ollama, OpenRouter) or
//! `delta.reasoning_content` (vLLM, DeepSeek); Azure may open with an empty-choices chunk
//! carrying `prompt_filter_results`.

use serde_json::Value;

use crate::llm::decode::{FinishReason, StreamEvent};
use crate::llm::error::LlmError;
use crate::llm::sse::SseEvent;

/// Decodes one event; `Ok(true)` when it ends the answer (`[DONE]` or a finish reason).
pub fn decode(event: &SseEvent, out: &mut Vec<StreamEvent>) -> Result<bool, LlmError> {
    let data = event.data.trim();
    if data == "[DONE]" {
        return Ok(true);
    }
    if data.is_empty() {
        return Ok(false);
    }
    let value: Value = serde_json::from_str(data).map_err(|_| LlmError::MalformedStream)?;
    if !value.is_object() {
        return Err(LlmError::MalformedStream);
    }
    if event.event.as_deref() == Some("error") {
        return Err(LlmError::from_error_event(&value));
    }
    if let Some(error) = LlmError::from_stream_json(&value) {
        return Err(error);
    }
    let mut ends_answer = false;
    let choice = value
        .get("choices")
        .and_then(Value::as_array)
        .and_then(|choices| choices.first());
    if let Some(choice) = choice {
        let delta_text = |key: &str| {
            choice
                .get("delta")
                .and_then(|delta| delta.get(key))
                .and_then(Value::as_str)
                .filter(|text| !text.is_empty())
        };
        if let Some(text) = delta_text("reasoning").or_else(|| delta_text("reasoning_content")) {
            out.push(StreamEvent::Reasoning(text.to_string()));
        }
        if let Some(text) = delta_text("content") {
            out.push(StreamEvent::Text(text.to_string()));
        }
        if let Some(text) = delta_text("refusal") {
            out.push(StreamEvent::Refusal(text.to_string()));
        }
        if let Some(reason) = choice.get("finish_reason").and_then(Value::as_str) {
            out.push(StreamEvent::Finished(FinishReason::from_provider(reason)));
            ends_answer = true;
        }
    }
    if let Some(usage) = value.get("usage").filter(|usage| usage.is_object()) {
        out.push(StreamEvent::Usage {
            input_tokens: usage.get("prompt_tokens").and_then(Value::as_u64),
            output_tokens: usage.get("completion_tokens").and_then(Value::as_u64),
        });
    }
    Ok(ends_answer)
}

#[cfg(test)]
mod tests {
    use crate::llm::decode::testing::{read_all_ways, text_of};
    use crate::llm::decode::{FinishReason, StreamEvent};
    use crate::llm::error::LlmError;
    use crate::llm::profile::ProviderKind;

    const OPENAI: ProviderKind = ProviderKind::OpenAiCompatible;

    /// A real-shaped gpt-4o-mini stream with `include_usage`, non-ASCII text and `[DONE]`.
    const CHAT_STREAM: &str = concat!(
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_0aa8d3e20b\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n",
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_0aa8d3e20b\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Dear Ms. Li,\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n",
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_0aa8d3e20b\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" 感谢您的耐心。\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n",
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_0aa8d3e20b\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n",
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_0aa8d3e20b\",\"choices\":[],\"usage\":{\"prompt_tokens\":41,\"completion_tokens\":12,\"total_tokens\":53,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}\n\n",
        "data: [DONE]\n\n",
    );

    #[test]
    fn openai_chat_stream() {
        assert_eq!(
            read_all_ways(OPENAI, CHAT_STREAM.as_bytes()),
            Ok(vec![
                StreamEvent::Text("Dear Ms. Li,".into()),
                StreamEvent::Text(" 感谢您的耐心。".into()),
                StreamEvent::Finished(FinishReason::Stop),
                StreamEvent::Usage {
                    input_tokens: Some(41),
                    output_tokens: Some(12)
                },
            ])
        );
    }

    #[test]
    fn azure_stream_with_prompt_filter_chunk_and_content_filter_results() {
        let body = concat!(
            "data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\",\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"},\"self_harm\":{\"filtered\":false,\"severity\":\"safe\"},\"sexual\":{\"filtered\":false,\"severity\":\"safe\"},\"violence\":{\"filtered\":false,\"severity\":\"safe\"}}}]}\n\n",
            "data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{\"content\":\"\",\"role\":\"assistant\"},\"finish_reason\":null,\"index\":0,\"logprobs\":null}],\"created\":1732000000,\"id\":\"chatcmpl-az\",\"model\":\"gpt-4o-2024-08-06\",\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"fp_04751d0b65\"}\n\n",
            "data: {\"choices\":[{\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}},\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null,\"index\":0,\"logprobs\":null}],\"created\":1732000000,\"id\":\"chatcmpl-az\",\"model\":\"gpt-4o-2024-08-06\",\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"fp_04751d0b65\"}\n\n",
            "data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{},\"finish_reason\":\"stop\",\"index\":0,\"logprobs\":null}],\"created\":1732000000,\"id\":\"chatcmpl-az\",\"model\":\"gpt-4o-2024-08-06\",\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"fp_04751d0b65\"}\n\n",
            "data: [DONE]\n\n",
        );
        assert_eq!(
            read_all_ways(ProviderKind::AzureOpenAi, body.as_bytes()),
            Ok(vec![
                StreamEvent::Text("Hello".into()),
                StreamEvent::Finished(FinishReason::Stop),
            ])
        );
    }

    #[test]
    fn openrouter_keep_alive_comments_are_skipped() {
        let body = concat!(
            ": OPENROUTER PROCESSING\n\n",
            ": OPENROUTER PROCESSING\n\n",
            "data: {\"id\":\"gen-1\",\"provider\":\"Anthropic\",\"model\":\"anthropic/claude-sonnet-4\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null,\"native_finish_reason\":null,\"logprobs\":null}]}\n\n",
            "data: {\"id\":\"gen-1\",\"provider\":\"Anthropic\",\"model\":\"anthropic/claude-sonnet-4\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"stop\",\"native_finish_reason\":\"end_turn\",\"logprobs\":null}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}\n\n",
            "data: [DONE]\n\n",
        );
        assert_eq!(
            read_all_ways(OPENAI, body.as_bytes()),
            Ok(vec![
                StreamEvent::Text("Hi".into()),
                StreamEvent::Finished(FinishReason::Stop),
                StreamEvent::Usage {
                    input_tokens: Some(10),
                    output_tokens: Some(2)
                },
            ])
        );
    }

    #[test]
    fn reasoning_fields_are_kept_apart_from_the_answer() {
        let body = concat!(
            "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"qwen3:8b\",\"system_fingerprint\":\"fp_ollama\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"reasoning\":\"Let me think.\"},\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"deepseek-r1\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\" Done.\",\"content\":null},\"logprobs\":null,\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"qwen3:8b\",\"system_fingerprint\":\"fp_ollama\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Answer\"},\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"qwen3:8b\",\"system_fingerprint\":\"fp_ollama\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"stop\"}]}\n\n",
            "data: [DONE]\n\n",
        );
        assert_eq!(
            read_all_ways(OPENAI, body.as_bytes()),
            Ok(vec![
                StreamEvent::Reasoning("Let me think.".into()),
                StreamEvent::Reasoning(" Done.".into()),
                StreamEvent::Text("Answer".into()),
                StreamEvent::Finished(FinishReason::Stop),
            ])
        );
    }

    #[test]
    fn refusals_are_reported_as_refusals() {
        let body = concat!(
            "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"refusal\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"I can't help with that.\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n",
            "data: [DONE]\n\n",
        );
        assert_eq!(
            read_all_ways(OPENAI, body.as_bytes()),
            Ok(vec![
                StreamEvent::Refusal("I can't help with that.".into()),
                StreamEvent::Finished(FinishReason::Stop),
            ])
        );
    }

    #[test]
    fn length_finish_is_reported() {
        let body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Cut\"},\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n";
        let events = read_all_ways(OPENAI, body.as_bytes()).unwrap();
        assert_eq!(
            events.last(),
            Some(&StreamEvent::Finished(FinishReason::MaxTokens))
        );
    }

    #[test]
    fn done_without_finish_reason_is_a_complete_answer() {
        let body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n";
        assert_eq!(
            read_all_ways(OPENAI, body.as_bytes()),
            Ok(vec![StreamEvent::Text("Hi".into())])
        );
    }

    #[test]
    fn finish_reason_without_done_is_a_complete_answer() {
        let body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\n";
        let events = read_all_ways(OPENAI, body.as_bytes()).unwrap();
        assert_eq!(text_of(&events), "Hi");
    }

    #[test]
    fn a_stream_without_end_signal_is_truncated() {
        let body = &CHAT_STREAM[..CHAT_STREAM.find("\"finish_reason\":\"stop\"").unwrap()];
        let cut = &body[..body.rfind("\n\n").unwrap() + 2];
        assert_eq!(
            read_all_ways(OPENAI, cut.as_bytes()),
            Err(LlmError::Truncated)
        );
    }

    #[test]
    fn mid_stream_openai_error() {
        let body = concat!(
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n",
            "data: {\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n",
        );
        assert_eq!(
            read_all_ways(OPENAI, body.as_bytes()),
            Err(LlmError::Server {
                status: None,
                detail: Some(
                    "The server had an error while processing your request. Sorry about that!"
                        .into()
                ),
            })
        );
    }

    #[test]
    fn mid_stream_vllm_error() {
        let body = "data: {\"object\":\"error\",\"message\":\"The model `x` does not exist.\",\"type\":\"NotFoundError\",\"param\":null,\"code\":404}\n\n";
        assert_eq!(
            read_all_ways(OPENAI, body.as_bytes()),
            Err(LlmError::NotFound {
                detail: Some("The model `x` does not exist.".into())
            })
        );
    }

    #[test]
    fn named_error_event() {
        let body = "event: error\ndata: {\"message\":\"boom\"}\n\n";
        assert_eq!(
            read_all_ways(OPENAI, body.as_bytes()),
            Err(LlmError::Server {
                status: None,
                detail: Some("boom".into())
            })
        );
    }

    #[test]
    fn malformed_json_is_reported() {
        for body in [
            "data: {\"choices\":[\n\n",
            "data: 42\n\n",
            "data: hello\n\n",
        ] {
            assert_eq!(
                read_all_ways(OPENAI, body.as_bytes()),
                Err(LlmError::MalformedStream),
                "{body}"
            );
        }
    }
}
