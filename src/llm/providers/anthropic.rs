//! Anthropic Messages streaming: named events whose JSON `type` repeats the name.
//! `message_start` carries the input token count, `content_block_delta` the text
//! (`text_delta`) or visible reasoning (`thinking_delta`; signatures and tool-input JSON are
//! skipped), `message_delta` the stop reason and cumulative output tokens, and `message_stop`
//! ends the answer. `ping` is a keep-alive; `error` (e.g. `overloaded_error`) aborts.

use serde_json::Value;

use crate::llm::decode::{FinishReason, StreamEvent};
use crate::llm::error::LlmError;
use crate::llm::sse::SseEvent;

/// Decodes one event; `Ok(true)` for `message_stop`.
pub fn decode(event: &SseEvent, out: &mut Vec<StreamEvent>) -> Result<bool, LlmError> {
    let value: Value = serde_json::from_str(&event.data).map_err(|_| LlmError::MalformedStream)?;
    if !value.is_object() {
        return Err(LlmError::MalformedStream);
    }
    let kind = value
        .get("type")
        .and_then(Value::as_str)
        .or(event.event.as_deref())
        .unwrap_or_default();
    let text_at = |pointer: &str| {
        value
            .pointer(pointer)
            .and_then(Value::as_str)
            .filter(|text| !text.is_empty())
            .map(str::to_string)
    };
    match kind {
        "message_start" => {
            if let Some(usage) = value.pointer("/message/usage") {
                push_usage(usage, out);
            }
        }
        "content_block_start" => {
            if let Some(text) = text_at("/content_block/text") {
                out.push(StreamEvent::Text(text));
            }
            if let Some(text) = text_at("/content_block/thinking") {
                out.push(StreamEvent::Reasoning(text));
            }
        }
        "content_block_delta" => match value.pointer("/delta/type").and_then(Value::as_str) {
            Some("text_delta") => out.extend(text_at("/delta/text").map(StreamEvent::Text)),
            Some("thinking_delta") => {
                out.extend(text_at("/delta/thinking").map(StreamEvent::Reasoning));
            }
            _ => {}
        },
        "message_delta" => {
            if let Some(reason) = value.pointer("/delta/stop_reason").and_then(Value::as_str) {
                out.push(StreamEvent::Finished(FinishReason::from_provider(reason)));
            }
            if let Some(usage) = value.get("usage") {
                push_usage(usage, out);
            }
        }
        "message_stop" => return Ok(true),
        "error" => return Err(LlmError::from_error_event(&value)),
        _ => {}
    }
    Ok(false)
}

fn push_usage(usage: &Value, out: &mut Vec<StreamEvent>) {
    let input_tokens = usage.get("input_tokens").and_then(Value::as_u64);
    let output_tokens = usage.get("output_tokens").and_then(Value::as_u64);
    if input_tokens.is_some() || output_tokens.is_some() {
        out.push(StreamEvent::Usage {
            input_tokens,
            output_tokens,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::llm::decode::testing::{read_all_ways, text_of};
    use crate::llm::decode::{FinishReason, StreamEvent};
    use crate::llm::error::LlmError;
    use crate::llm::profile::ProviderKind;

    const ANTHROPIC: ProviderKind = ProviderKind::Anthropic;

    const MESSAGE_START: &str = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5-20250929\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n";

    /// The documented basic stream, with a CJK delta added.
    fn basic_stream() -> String {
        [
            MESSAGE_START,
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: ping\ndata: {\"type\": \"ping\"}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"，客户！\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
        ]
        .concat()
    }

    #[test]
    fn basic_stream_decodes_text_usage_and_stop() {
        assert_eq!(
            read_all_ways(ANTHROPIC, basic_stream().as_bytes()),
            Ok(vec![
                StreamEvent::Usage {
                    input_tokens: Some(25),
                    output_tokens: Some(1)
                },
                StreamEvent::Text("Hello".into()),
                StreamEvent::Text("，客户！".into()),
                StreamEvent::Finished(FinishReason::Stop),
                StreamEvent::Usage {
                    input_tokens: None,
                    output_tokens: Some(15)
                },
            ])
        );
    }

    #[test]
    fn thinking_becomes_reasoning_and_signatures_are_skipped() {
        let body = [
            MESSAGE_START,
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"The customer is upset.\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Sorry.\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\":\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":300}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
        ]
        .concat();
        let events = read_all_ways(ANTHROPIC, body.as_bytes()).unwrap();
        assert_eq!(
            events[1],
            StreamEvent::Reasoning("The customer is upset.".into())
        );
        assert_eq!(text_of(&events), "Sorry.");
        assert!(events.contains(&StreamEvent::Finished(FinishReason::MaxTokens)));
        assert_eq!(events.len(), 5, "{events:?}");
    }

    #[test]
    fn overloaded_error_mid_stream() {
        let body = [
            MESSAGE_START,
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n",
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n",
        ]
        .concat();
        assert_eq!(
            read_all_ways(ANTHROPIC, body.as_bytes()),
            Err(LlmError::Overloaded {
                detail: Some("Overloaded".into())
            })
        );
    }

    #[test]
    fn missing_message_stop_is_truncated() {
        let full = basic_stream();
        let cut = &full[..full.find("event: message_stop").unwrap()];
        assert_eq!(
            read_all_ways(ANTHROPIC, cut.as_bytes()),
            Err(LlmError::Truncated)
        );
    }

    #[test]
    fn event_name_is_used_when_type_is_absent() {
        let body = "event: message_stop\ndata: {}\n\n";
        assert_eq!(read_all_ways(ANTHROPIC, body.as_bytes()), Ok(vec![]));
    }

    #[test]
    fn unknown_events_are_ignored() {
        let body = "event: future_thing\ndata: {\"type\":\"future_thing\",\"x\":1}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        assert_eq!(read_all_ways(ANTHROPIC, body.as_bytes()), Ok(vec![]));
    }

    #[test]
    fn malformed_data_is_reported() {
        let body = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\n\n";
        assert_eq!(
            read_all_ways(ANTHROPIC, body.as_bytes()),
            Err(LlmError::MalformedStream)
        );
    }
}
