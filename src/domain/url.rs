//! Text in URLs: percent-encoding of a component (a route segment, a query value, a
//! `mailto:` field) with everything but RFC 3986's unreserved characters escaped, and the
//! decoding back. Built on the `percent-encoding` crate.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Escaped in a component: everything but `A–Z a–z 0–9 - . _ ~`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Escaped in an e-mail address: a component's set, with `@` left as it is.
const ADDRESS: &AsciiSet = &COMPONENT.remove(b'@');

/// `text` percent-encoded (UTF-8 bytes) for use as one URL component.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// An e-mail address percent-encoded for a `mailto:` link, its `@` kept.
pub fn encode_address(text: &str) -> String {
    utf8_percent_encode(text, ADDRESS).to_string()
}

/// A percent-encoded component decoded; malformed escapes stay as they are and invalid
/// UTF-8 becomes U+FFFD.
pub fn decode_component(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_characters_stay_and_the_rest_is_escaped() {
        assert_eq!(encode_component("gpt-4o_v1.2~x"), "gpt-4o_v1.2~x");
        assert_eq!(encode_component("a b/c?d&e"), "a%20b%2Fc%3Fd%26e");
        assert_eq!(encode_component("模型"), "%E6%A8%A1%E5%9E%8B");
        assert_eq!(encode_component("a@b.c"), "a%40b.c");
        assert_eq!(encode_address("dana@acme.com"), "dana@acme.com");
        assert_eq!(encode_address("a b@c"), "a%20b@c");
    }

    #[test]
    fn decoding_reverses_encoding() {
        for text in ["", "plain", "a b/c?d&e#f", "客户 42", "100%", "x%y"] {
            assert_eq!(decode_component(&encode_component(text)), text);
        }
    }

    #[test]
    fn malformed_escapes_are_kept_and_bad_utf8_is_replaced() {
        assert_eq!(decode_component("50%"), "50%");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%FF"), "\u{FFFD}");
    }
}
