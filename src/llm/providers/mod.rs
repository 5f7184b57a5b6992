//! One decoder per wire format. Each `decode` appends the stream events found in one SSE
//! event and returns whether that event signals the end of the answer.

pub mod anthropic;
pub mod gemini;
pub mod openai;
