//! Turning a provider's streamed answer into what the UI shows, the same for every provider:
//! text and reasoning deltas, refusals, token usage and the finish reason. The transport feeds
//! body bytes to a `StreamReader` and calls `finish` at the end of the body; a body that ends
//! without the provider's end-of-answer signal is reported as truncated. The wire formats
//! themselves are read in `providers`.

use crate::i18n::Msg;
use crate::llm::error::LlmError;
use crate::llm::profile::ProviderKind;
use crate::llm::providers::{anthropic, gemini, openai};
use crate::llm::sse::{SseEvent, SseParser};

/// Something the answer stream told us. Text pieces are deltas, to be appended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StreamEvent {
    /// A piece of the answer.
    Text(String),
    /// A piece of the model's visible reasoning, kept apart from the answer.
    Reasoning(String),
    /// A piece of a refusal (OpenAI `delta.refusal`), shown instead of an answer.
    Refusal(String),
    /// Token counts so far; a later event supersedes the non-`None` values of an earlier one.
    Usage {
        input_tokens: Option<u64>,
        output_tokens: Option<u64>,
    },
    /// The model stopped, for this reason.
    Finished(FinishReason),
}

/// Why the model stopped, with every provider's wording mapped to the same few cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FinishReason {
    /// The answer is complete.
    Stop,
    /// The answer was cut at the output token limit (or the context window).
    MaxTokens,
    /// A safety or content filter stopped the answer (including Anthropic's `refusal`).
    ContentFilter,
    /// Anything else, as the provider wrote it (e.g. `tool_calls`, `OTHER`).
    Other(String),
}

impl FinishReason {
    /// Maps a provider's finish or stop reason (`stop`, `end_turn`, `MAX_TOKENS`, …).
    pub fn from_provider(raw: &str) -> Self {
        match raw.to_ascii_lowercase().as_str() {
            "stop" | "end_turn" | "stop_sequence" => Self::Stop,
            "length" | "max_tokens" | "model_context_window_exceeded" => Self::MaxTokens,
            "content_filter" | "refusal" | "safety" | "recitation" | "blocklist"
            | "prohibited_content" | "spii" | "image_safety" => Self::ContentFilter,
            _ => Self::Other(raw.to_string()),
        }
    }

    /// A warning to show under an answer that did not end normally.
    pub fn notice(&self) -> Option<Msg> {
        match self {
            Self::MaxTokens => Some(Msg::LlmFinishedMaxTokens),
            Self::ContentFilter => Some(Msg::LlmFinishedFiltered),
            Self::Stop | Self::Other(_) => None,
        }
    }
}

/// Decodes the SSE events of one answer for one provider kind.
#[derive(Debug)]
pub struct StreamDecoder {
    kind: ProviderKind,
    /// The provider has signalled the end of the answer.
    complete: bool,
}

impl StreamDecoder {
    pub fn new(kind: ProviderKind) -> Self {
        Self {
            kind,
            complete: false,
        }
    }

    /// Decodes one event. An error reported by the provider inside the stream, or data that
    /// does not parse, is returned as an error; the caller should stop reading.
    pub fn decode(&mut self, event: &SseEvent) -> Result<Vec<StreamEvent>, LlmError> {
        let mut events = Vec::new();
        let ends_answer = match self.kind {
            ProviderKind::OpenAiCompatible | ProviderKind::AzureOpenAi => {
                openai::decode(event, &mut events)?
            }
            ProviderKind::Anthropic => anthropic::decode(event, &mut events)?,
            ProviderKind::Gemini => gemini::decode(event, &mut events)?,
        };
        self.complete |= ends_answer;
        Ok(events)
    }

    /// To call when the body has ended: `Err(Truncated)` unless the provider signalled the end
    /// of the answer (OpenAI-compatible: `[DONE]` or a finish reason, since some local servers
    /// omit `[DONE]`; Anthropic: `message_stop`; Gemini: a `finishReason`).
    pub fn finish(&self) -> Result<(), LlmError> {
        if self.complete {
            Ok(())
        } else {
            Err(LlmError::Truncated)
        }
    }
}

/// Bytes in, stream events out: an `SseParser` feeding a `StreamDecoder`.
#[derive(Debug)]
pub struct StreamReader {
    parser: SseParser,
    decoder: StreamDecoder,
}

impl StreamReader {
    pub fn new(kind: ProviderKind) -> Self {
        Self {
            parser: SseParser::new(),
            decoder: StreamDecoder::new(kind),
        }
    }

    /// Feeds the next chunk of the body (split anywhere), adding its events to `out`. On an
    /// error, the events decoded before it in the same chunk are already in `out`, so no text
    /// that arrived is lost.
    pub fn push(&mut self, bytes: &[u8], out: &mut Vec<StreamEvent>) -> Result<(), LlmError> {
        for event in self.parser.push(bytes) {
            out.extend(self.decoder.decode(&event)?);
        }
        Ok(())
    }

    /// Ends the body. An event the server left without its closing blank line still counts;
    /// one cut off in the middle of its data means the answer is truncated.
    pub fn finish(mut self) -> Result<Vec<StreamEvent>, LlmError> {
        let was_complete = self.decoder.complete;
        let mut events = Vec::new();
        if let Some(last) = self.parser.finish() {
            match self.decoder.decode(&last) {
                Ok(decoded) => events = decoded,
                Err(_) if was_complete => {}
                Err(LlmError::MalformedStream) => return Err(LlmError::Truncated),
                Err(error) => return Err(error),
            }
        }
        self.decoder.finish()?;
        Ok(events)
    }
}

/// Test helpers shared by the provider decoders' tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// Reads `body` fed in the given chunks, `finish` included.
    pub(crate) fn read_chunks<'a>(
        kind: ProviderKind,
        chunks: impl IntoIterator<Item = &'a [u8]>,
    ) -> Result<Vec<StreamEvent>, LlmError> {
        let mut reader = StreamReader::new(kind);
        let mut events = Vec::new();
        for chunk in chunks {
            reader.push(chunk, &mut events)?;
        }
        events.extend(reader.finish()?);
        Ok(events)
    }

    /// Reads `body` whole, split at every byte boundary and one byte at a time, asserts every
    /// way decodes the same, and returns that result.
    pub(crate) fn read_all_ways(
        kind: ProviderKind,
        body: &[u8],
    ) -> Result<Vec<StreamEvent>, LlmError> {
        let whole = read_chunks(kind, [body]);
        for cut in 0..=body.len() {
            let (a, b) = body.split_at(cut);
            assert_eq!(read_chunks(kind, [a, b]), whole, "split at byte {cut}");
        }
        assert_eq!(
            read_chunks(kind, body.chunks(1)),
            whole,
            "one byte at a time"
        );
        whole
    }

    /// Concatenates the text deltas.
    pub(crate) fn text_of(events: &[StreamEvent]) -> String {
        events
            .iter()
            .filter_map(|e| match e {
                StreamEvent::Text(text) => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::read_chunks;
    use super::*;

    #[test]
    fn finish_reasons_are_normalised_across_providers() {
        for raw in ["stop", "end_turn", "stop_sequence", "STOP"] {
            assert_eq!(
                FinishReason::from_provider(raw),
                FinishReason::Stop,
                "{raw}"
            );
        }
        for raw in ["length", "max_tokens", "MAX_TOKENS"] {
            assert_eq!(
                FinishReason::from_provider(raw),
                FinishReason::MaxTokens,
                "{raw}"
            );
        }
        for raw in [
            "content_filter",
            "refusal",
            "SAFETY",
            "RECITATION",
            "PROHIBITED_CONTENT",
        ] {
            assert_eq!(
                FinishReason::from_provider(raw),
                FinishReason::ContentFilter,
                "{raw}"
            );
        }
        assert_eq!(
            FinishReason::from_provider("tool_calls"),
            FinishReason::Other("tool_calls".into())
        );
    }

    #[test]
    fn only_abnormal_endings_carry_a_notice() {
        assert_eq!(FinishReason::Stop.notice(), None);
        assert_eq!(FinishReason::Other("OTHER".into()).notice(), None);
        assert_eq!(
            FinishReason::MaxTokens.notice(),
            Some(Msg::LlmFinishedMaxTokens)
        );
        assert_eq!(
            FinishReason::ContentFilter.notice(),
            Some(Msg::LlmFinishedFiltered)
        );
    }

    #[test]
    fn an_empty_body_is_truncated_for_every_kind() {
        for kind in ProviderKind::ALL {
            assert_eq!(
                read_chunks(kind, [&b""[..]]),
                Err(LlmError::Truncated),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn a_final_event_missing_its_blank_line_still_completes_the_answer() {
        let body = b"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\ndata: [DONE]";
        assert_eq!(
            read_chunks(ProviderKind::OpenAiCompatible, [&body[..]]),
            Ok(vec![StreamEvent::Text("Hi".into())])
        );
    }

    #[test]
    fn a_body_cut_inside_an_event_is_truncated_not_malformed() {
        let body = b"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\ndata: {\"choices\":[{\"ind";
        assert_eq!(
            read_chunks(ProviderKind::OpenAiCompatible, [&body[..]]),
            Err(LlmError::Truncated)
        );
    }

    #[test]
    fn garbage_after_a_complete_answer_is_ignored() {
        let body = b"data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: {\"cho";
        assert_eq!(
            read_chunks(ProviderKind::OpenAiCompatible, [&body[..]]),
            Ok(vec![StreamEvent::Finished(FinishReason::Stop)])
        );
    }

    #[test]
    fn decoding_stops_at_the_first_error() {
        let mut reader = StreamReader::new(ProviderKind::OpenAiCompatible);
        let mut events = Vec::new();
        let result = reader.push(b"data: not json\n\ndata: [DONE]\n\n", &mut events);
        assert_eq!(result, Err(LlmError::MalformedStream));
    }

    #[test]
    fn text_before_an_error_in_the_same_chunk_is_kept() {
        let mut reader = StreamReader::new(ProviderKind::OpenAiCompatible);
        let mut events = Vec::new();
        let body = b"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\ndata: {\"choices\": [\n\n";
        assert_eq!(
            reader.push(body, &mut events),
            Err(LlmError::MalformedStream)
        );
        assert_eq!(events, vec![StreamEvent::Text("Hello".into())]);
    }
}
