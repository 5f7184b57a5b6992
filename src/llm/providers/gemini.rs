//! Google Gemini `streamGenerateContent?alt=sse`: unnamed `data:` frames (CRLF-delimited),
//! each a `GenerateContentResponse`. Text is in `candidates[0].content.parts[*].text` (parts
//! marked `thought` are reasoning), the last frame has `finishReason`, `usageMetadata` is
//! cumulative. There is no end marker: the body ending after a `finishReason` is a normal end.
//! A prompt blocked by safety filters comes back as `promptFeedback.blockReason`.

use serde_json::Value;

use crate::llm::decode::{FinishReason, StreamEvent};
use crate::llm::error::LlmError;
use crate::llm::sse::SseEvent;

/// Decodes one frame; `Ok(true)` when it carries a `finishReason`.
pub fn decode(event: &SseEvent, out: &mut Vec<StreamEvent>) -> Result<bool, LlmError> {
    let value: Value = serde_json::from_str(&event.data).map_err(|_| LlmError::MalformedStream)?;
    if !value.is_object() {
        return Err(LlmError::MalformedStream);
    }
    if let Some(error) = LlmError::from_stream_json(&value) {
        return Err(error);
    }
    if let Some(reason) = value
        .pointer("/promptFeedback/blockReason")
        .and_then(Value::as_str)
    {
        return Err(LlmError::Blocked {
            reason: reason.to_string(),
        });
    }
    let candidate = value.pointer("/candidates/0");
    let parts = candidate
        .and_then(|c| c.pointer("/content/parts"))
        .and_then(Value::as_array);
    for part in parts.into_iter().flatten() {
        let Some(text) = part.get("text").and_then(Value::as_str) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        if part.get("thought").and_then(Value::as_bool) == Some(true) {
            out.push(StreamEvent::Reasoning(text.to_string()));
        } else {
            out.push(StreamEvent::Text(text.to_string()));
        }
    }
    let finish = candidate
        .and_then(|c| c.get("finishReason"))
        .and_then(Value::as_str);
    if let Some(reason) = finish {
        out.push(StreamEvent::Finished(FinishReason::from_provider(reason)));
    }
    if let Some(usage) = value.get("usageMetadata") {
        let count = |key: &str| usage.get(key).and_then(Value::as_u64);
        let output_tokens = match (count("candidatesTokenCount"), count("thoughtsTokenCount")) {
            (None, None) => None,
            (answer, thoughts) => Some(answer.unwrap_or(0) + thoughts.unwrap_or(0)),
        };
        out.push(StreamEvent::Usage {
            input_tokens: count("promptTokenCount"),
            output_tokens,
        });
    }
    Ok(finish.is_some())
}

#[cfg(test)]
mod tests {
    use crate::llm::decode::testing::{read_all_ways, text_of};
    use crate::llm::decode::{FinishReason, StreamEvent};
    use crate::llm::error::LlmError;
    use crate::llm::profile::ProviderKind;

    const GEMINI: ProviderKind = ProviderKind::Gemini;

    /// Real-shaped `alt=sse` frames with Gemini's CRLF delimiters.
    const STREAM: &str = concat!(
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Thank you for\"}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 9,\"totalTokenCount\": 9,\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 9}]},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"abc\"}\r\n\r\n",
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \" your patience. 谢谢！\"}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 9,\"candidatesTokenCount\": 8,\"totalTokenCount\": 17},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"abc\"}\r\n\r\n",
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\"}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 9,\"candidatesTokenCount\": 10,\"totalTokenCount\": 40,\"thoughtsTokenCount\": 21},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"abc\"}\r\n\r\n",
    );

    #[test]
    fn crlf_stream_ends_normally_without_a_marker() {
        assert_eq!(
            read_all_ways(GEMINI, STREAM.as_bytes()),
            Ok(vec![
                StreamEvent::Text("Thank you for".into()),
                StreamEvent::Usage {
                    input_tokens: Some(9),
                    output_tokens: None
                },
                StreamEvent::Text(" your patience. 谢谢！".into()),
                StreamEvent::Usage {
                    input_tokens: Some(9),
                    output_tokens: Some(8)
                },
                StreamEvent::Finished(FinishReason::Stop),
                StreamEvent::Usage {
                    input_tokens: Some(9),
                    output_tokens: Some(31)
                },
            ])
        );
    }

    #[test]
    fn body_ending_before_finish_reason_is_truncated() {
        let cut = &STREAM[..STREAM.rfind("data: ").unwrap()];
        assert_eq!(
            read_all_ways(GEMINI, cut.as_bytes()),
            Err(LlmError::Truncated)
        );
    }

    #[test]
    fn thought_parts_are_reasoning() {
        let body = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Plan first.\",\"thought\": true},{\"text\": \"Answer.\"}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}]}\r\n\r\n";
        assert_eq!(
            read_all_ways(GEMINI, body.as_bytes()),
            Ok(vec![
                StreamEvent::Reasoning("Plan first.".into()),
                StreamEvent::Text("Answer.".into()),
                StreamEvent::Finished(FinishReason::Stop),
            ])
        );
    }

    #[test]
    fn blocked_prompt_is_an_error() {
        let body = "data: {\"promptFeedback\": {\"blockReason\": \"PROHIBITED_CONTENT\"},\"usageMetadata\": {\"promptTokenCount\": 12,\"totalTokenCount\": 12},\"modelVersion\": \"gemini-2.5-flash\"}\r\n\r\n";
        assert_eq!(
            read_all_ways(GEMINI, body.as_bytes()),
            Err(LlmError::Blocked {
                reason: "PROHIBITED_CONTENT".into()
            })
        );
    }

    #[test]
    fn safety_stop_mid_answer_is_a_content_filter_finish() {
        let body = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Part\"}],\"role\": \"model\"},\"finishReason\": \"SAFETY\",\"index\": 0,\"safetyRatings\": [{\"category\": \"HARM_CATEGORY_HARASSMENT\",\"probability\": \"HIGH\",\"blocked\": true}]}]}\r\n\r\n";
        let events = read_all_ways(GEMINI, body.as_bytes()).unwrap();
        assert_eq!(text_of(&events), "Part");
        assert_eq!(
            events.last(),
            Some(&StreamEvent::Finished(FinishReason::ContentFilter))
        );
    }

    #[test]
    fn error_frame_in_stream() {
        let body = "data: {\"error\": {\"code\": 503,\"message\": \"The model is overloaded. Please try again later.\",\"status\": \"UNAVAILABLE\"}}\r\n\r\n";
        assert_eq!(
            read_all_ways(GEMINI, body.as_bytes()),
            Err(LlmError::Overloaded {
                detail: Some("The model is overloaded. Please try again later.".into())
            })
        );
    }

    #[test]
    fn malformed_frame_is_reported() {
        let body = "data: {\"candidates\": [\r\n\r\n";
        assert_eq!(
            read_all_ways(GEMINI, body.as_bytes()),
            Err(LlmError::MalformedStream)
        );
    }
}
