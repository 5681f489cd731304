//! Leaving the terminal without a browser: the article as plain text, and the
//! OSC 52 sequence that puts text on the clipboard of the terminal the user sits
//! at (it travels over SSH, unlike a local clipboard tool).

use crate::corpus::Document;

/// The article as it is copied or paged: title, date, source, then the body.
#[must_use]
pub fn article_text(doc: &Document) -> String {
    let mut meta = Vec::new();
    meta.extend(doc.date().map(str::to_string));
    meta.extend(doc.source().map(str::to_string));
    let body = doc.text.strip_prefix(doc.title()).unwrap_or(&doc.text).trim_start_matches('\n');
    format!("{}\n{}\n\n{}", doc.title(), meta.join(" · "), body)
}

/// A quote as it is copied: the words in quotation marks, then who said them in
/// which article (title, date, source).
#[must_use]
pub fn quote_text(doc: &Document, speaker: &str, quote: &str) -> String {
    let mut meta = vec![format!("“{}”", doc.title())];
    meta.extend(doc.date().map(str::to_string));
    meta.extend(doc.source().map(str::to_string));
    format!("“{quote}”\n— {speaker}, {}", meta.join(" · "))
}

/// The OSC 52 sequence setting the clipboard to `text` (base64, BEL-terminated).
#[must_use]
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding (RFC 4648): one small function rather than a crate.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(osc52("foobar"), "\x1b]52;c;Zm9vYmFy\x07");
    }

    #[test]
    fn the_copied_text_has_title_date_source_and_body() {
        let text = "Harbour reopens\nDate: 2024-03-02\nSource: Coast Post\n\nCranes turned again.\n";
        let doc = crate::corpus::parse_article("a.txt", text.to_string());
        let copied = article_text(&doc);
        assert!(copied.starts_with("Harbour reopens\n"));
        assert!(copied.contains("2024-03-02"));
        assert!(copied.contains("Coast Post"));
        assert!(copied.ends_with("Cranes turned again.\n"), "{copied:?}");
    }
}
